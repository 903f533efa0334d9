namespace Descent.Charts;

/// <summary>One line of a line chart: a name, x and y values, and an optional colour (hex).</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Color = null, bool Dashed = false)
{
    /// <summary>y against its index 0, 1, 2, … (steps).</summary>
    public static Series OverSteps(string name, IReadOnlyList<double> y, string? color = null, bool dashed = false) =>
        new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y, color, dashed);
}
