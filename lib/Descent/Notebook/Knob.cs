using System.Runtime.CompilerServices;

namespace Descent.Notebook;

/// <summary>
/// Checks for a playground's knobs, by the knob's own name: a learner who sets <c>playEta = -1</c>
/// reads "playEta = -1 is out of range: …", not a message about a parameter deep inside the library.
/// Each returns the value when it is valid and throws an <see cref="ArgumentOutOfRangeException"/>
/// otherwise; <see cref="Playground.Run"/> turns that into one line of text.
/// </summary>
public static class Knob
{
    /// <summary>The largest learning rate a playground takes by default: far past every divergence, short of overflow.</summary>
    public const double MaxRate = 1e6;

    /// <summary>
    /// A learning rate in [0, <paramref name="max"/>]: 0 is valid, as in PyTorch, and a large one diverges
    /// and is reported with the step; above <see cref="MaxRate"/> schedules and steps would only overflow.
    /// </summary>
    public static double Rate(double value, double max = MaxRate,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(max > 0)) throw Require.OutOfRange(nameof(max), max, "(0, ∞]: the largest rate the playground allows");
        if (!(value >= 0 && value <= max))
            throw Require.OutOfRange(name, value, $"[0, {Require.Show(max)}] in this playground (0 does not move; " +
                "a large rate diverges and says at which step)");
        return value;
    }

    /// <summary>A finite number ≥ 0: noise, momentum, weight decay, ε.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require.NonNegative(value, name);

    /// <summary>A finite number &gt; 0: a decay factor γ, a clipping threshold.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require.Positive(value, name);

    /// <summary>One of a playground's named choices (a schedule, a dataset), compared exactly.</summary>
    public static string OneOf(string? value, IReadOnlyList<string> choices,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (value is null || !choices.Contains(value))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {(value is null ? "null" : $"\"{value}\"")} is out of range: the valid values are " +
                string.Join(", ", choices.Select(c => $"\"{c}\"")) + ".");
        return value;
    }

    /// <summary>A decay in [0, 1): β₁, β₂, RMSProp's α.</summary>
    public static double Decay(double value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require.UnitInterval(value, name);

    /// <summary>
    /// A step count in [1, <paramref name="max"/>]. The cap exists because a running cell cannot be
    /// interrupted (only a kernel restart stops it): the message says so.
    /// </summary>
    public static int Steps(int value, int max, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        Require.AtLeast(max, 1);
        if (value < 1 || value > max)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value:N0} is out of range: the valid range is [1, {max:N0}]. The playground caps it " +
                "because a running cell cannot be stopped, only the kernel restarted.");
        return value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]: a batch size, a layer width.</summary>
    public static int Between(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (max < min)
            throw new ArgumentOutOfRangeException(nameof(max), max,
                $"max = {max:N0} is out of range: the valid range is [min, ∞) = [{min:N0}, ∞).");
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value:N0} is out of range: the valid range is [{min:N0}, {max:N0}].");
        return value;
    }

    /// <summary>
    /// A number in [<paramref name="min"/>, <paramref name="max"/>]: a curvature, a size, where the ends
    /// keep the playground's numbers finite (e.g. a curvature of 1e308 makes f overflow).
    /// </summary>
    public static double Between(double value, double min, double max,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        Require.Finite(min);
        Require.Finite(max);
        if (max < min)
            throw Require.OutOfRange(nameof(max), max, $"[min, ∞) = [{Require.Show(min)}, ∞)");
        if (!(value >= min && value <= max))
            throw Require.OutOfRange(name, value, $"[{Require.Show(min)}, {Require.Show(max)}]");
        return value;
    }

    /// <summary>A finite number (any sign): a coordinate, an offset.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value))
            throw Require.OutOfRange(name, value, "(−∞, ∞): a finite number");
        return value;
    }

    /// <summary>A starting point with finite coordinates; null (the landscape's own start) is allowed.</summary>
    public static Landscapes.Point2? Point(Landscapes.Point2? value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value is { } p && (!double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            throw new ArgumentOutOfRangeException(name, p,
                $"{name} = {p} is out of range: the valid values are points with both coordinates finite, or null for the landscape's start.");
        return value;
    }

    /// <summary>
    /// A starting point on <paramref name="landscape"/>: finite coordinates where f is finite too; null
    /// (the landscape's own start) is allowed.
    /// </summary>
    public static Landscapes.Point2? Start(Landscapes.Point2? value, Landscapes.ILandscape landscape,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(landscape);
        if (Point(value, name) is { } p && !double.IsFinite(landscape.Value(p.X, p.Y)))
            throw new ArgumentOutOfRangeException(name, p,
                $"{name} = {p} is out of range: f({name}) = {Require.Show(landscape.Value(p.X, p.Y))} on {landscape.Name}; " +
                "the valid values are points where f is finite (or null for the landscape's start).");
        return value;
    }

    /// <summary>A knob that must be set to something (an optimizer, a landscape, a schedule).</summary>
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string name = "") where T : class =>
        value ?? throw new ArgumentNullException(name, $"{name} is null: set it to a value (see the cell's comments).");
}

/// <summary>Runs a playground cell's body so that a bad knob prints one clear line instead of a stack trace.</summary>
public static class Playground
{
    /// <summary>
    /// Runs <paramref name="body"/> and returns what it returns (a chart, a table); if a knob or a
    /// library argument is out of range, returns the message ("✘ playEta = -1 is out of range: …")
    /// instead, so Run All goes on. Any other exception is a bug and is not hidden.
    /// </summary>
    public static object? Run(Func<object?> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (ArgumentException e)
        {
            return Message(e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Message(e.Message);
        }
    }

    // ArgumentException appends " (Parameter 'x')" and, for out-of-range values, "Actual value was …":
    // the library's messages already name both, so only the first line is kept.
    private static string Message(string message)
    {
        string text = message.Split('\n')[0];
        int parameter = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (parameter >= 0) text = text[..parameter];
        return "✘ " + text.TrimEnd();
    }
}
