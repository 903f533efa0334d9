using System.Globalization;
using System.Runtime.CompilerServices;

namespace Descent;

/// <summary>
/// Argument checks shared by the whole library. Every failure is an <see cref="ArgumentException"/>
/// (usually <see cref="ArgumentOutOfRangeException"/>) whose message names the parameter, the value
/// it got and the valid range, so a typo in a notebook cell is explained instead of turning into NaN.
/// </summary>
public static class Require
{
    /// <summary>A finite number strictly greater than zero, e.g. a learning rate.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value) || value <= 0)
            throw OutOfRange(name, value, "(0, ∞): a finite number > 0");
        return value;
    }

    /// <summary>A finite number greater than or equal to zero, e.g. a weight decay or a momentum.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value) || value < 0)
            throw OutOfRange(name, value, "[0, ∞): a finite number ≥ 0");
        return value;
    }

    /// <summary>A decay rate in [0, 1): β1, β2, RMSProp's α.</summary>
    public static double UnitInterval(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && value < 1))
            throw OutOfRange(name, value, "[0, 1)");
        return value;
    }

    /// <summary>A fraction in [0, 1], both ends included (e.g. SGD's dampening).</summary>
    public static double ClosedUnitInterval(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && value <= 1))
            throw OutOfRange(name, value, "[0, 1]");
        return value;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(int value, int minimum, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value} is out of range: the valid range is [{minimum}, ∞), whole numbers.");
        return value;
    }

    /// <summary>The message every range check in the library uses.</summary>
    public static ArgumentOutOfRangeException OutOfRange(string name, double value, string range) =>
        new(name, value, $"{name} = {Show(value)} is out of range: the valid range is {range}.");

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
