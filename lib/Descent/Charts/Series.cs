namespace Descent.Charts;

/// <summary>
/// One line of a line chart: a name, x and y values, and how it is coloured. Without a colour the
/// line takes the colour of an optimizer, the same as in every other chart: the one given in
/// <see cref="Optimizer"/>, else the optimizer its name starts with ("Adam β₂ = 0.9" is Adam's colour,
/// "AMSGrad" AMSGrad's); a line named after no optimizer gets the next unused series colour.
/// </summary>
/// <param name="Name">The legend's label.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, as many as x.</param>
/// <param name="Color">A colour as hex ("#d62728"), to override the optimizer's; null: pick it as described above.</param>
/// <param name="Dashed">Draw the line dashed (e.g. the min and max around a mean).</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Color = null, bool Dashed = false)
{
    /// <summary>
    /// The optimizer whose colour the line takes when its name does not start with it, e.g.
    /// <c>new Series("smoothed loss", x, y) { Optimizer = "SGD" }</c>; null: read it from <see cref="Name"/>.
    /// </summary>
    public string? Optimizer { get; init; }

    /// <summary>y against its index 0, 1, 2, … (steps).</summary>
    public static Series OverSteps(string name, IReadOnlyList<double> y, string? color = null, bool dashed = false) =>
        new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y, color, dashed);

    /// <summary>The optimizer this line stands for: <see cref="Optimizer"/>, else the first word of the name if it names one.</summary>
    internal string? OptimizerKey =>
        Optimizer ?? (Name.Split([' ', '(', ':', ',', '\t'], 2)[0] is var first && Palette.Knows(first) ? first : null);
}
