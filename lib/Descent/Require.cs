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

    /// <summary>Any finite number (not NaN, not ±∞), e.g. a coordinate or a target loss.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value))
            throw OutOfRange(name, value, "(−∞, ∞): a finite number");
        return value;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static int Between(int value, int minimum, int maximum,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < minimum || value > maximum)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value} is out of range: the valid range is [{minimum}, {maximum}], whole numbers.");
        return value;
    }

    /// <summary>
    /// A row-major matrix of <paramref name="rows"/> × <paramref name="columns"/> (both ≥ 1) whose length is
    /// rows · columns; the messages name <c>rows</c>, <c>columns</c> and <c>matrix</c>.
    /// </summary>
    internal static void RowMajorMatrix(ReadOnlySpan<double> matrix, int rows, int columns)
    {
        AtLeast(rows, 1, nameof(rows));
        AtLeast(columns, 1, nameof(columns));
        if ((long)rows * columns != matrix.Length)
            throw new ArgumentException(
                $"matrix.Length = {matrix.Length} does not match rows × columns = {rows} × {columns} = " +
                $"{(long)rows * columns}: the valid length is rows × columns (row-major).", nameof(matrix));
    }

    /// <summary>An index into <paramref name="count"/> items: [0, count − 1].</summary>
    public static int Index(int index, int count, [CallerArgumentExpression(nameof(index))] string name = "")
    {
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(name, index, count == 0
                ? $"{name} = {index} is out of range: there is nothing to index (0 items), so no index is valid."
                : $"{name} = {index} is out of range: the valid range is [0, {count - 1}] ({count} items).");
        return index;
    }

    /// <summary>A point whose two coordinates are finite.</summary>
    public static Landscapes.Point2 Finite(Landscapes.Point2 point, [CallerArgumentExpression(nameof(point))] string name = "")
    {
        if (!double.IsFinite(point.X) || !double.IsFinite(point.Y))
            throw new ArgumentOutOfRangeException(name, point,
                $"{name} = {point} is out of range: the valid range is two finite coordinates.");
        return point;
    }

    /// <summary>Every value finite: the first NaN or ±∞ is named with its index.</summary>
    public static void AllFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentOutOfRangeException(name, values[i],
                    $"{name}[{i}] = {Show(values[i])} is out of range: the valid range is (−∞, ∞), finite numbers.");
    }

    /// <summary>The message every range check in the library uses.</summary>
    public static ArgumentOutOfRangeException OutOfRange(string name, double value, string range) =>
        new(name, value, $"{name} = {Show(value)} is out of range: the valid range is {range}.");

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
