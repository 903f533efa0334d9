namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = (x² + y − 11)² + (x + y² − 7)², four minima of value 0: which one you reach depends on
/// where you start and on the optimizer.
/// </summary>
public sealed class Himmelblau : ILandscape
{
    /// <inheritdoc />
    public string Name => "Himmelblau";

    /// <inheritdoc />
    public string Formula => @"f(x,y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        double u = x * x + y - 11, w = x + y * y - 7;
        return u * u + w * w;
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        double u = x * x + y - 11, w = x + y * y - 7;
        return new(4 * x * u + 2 * w, 2 * u + 4 * y * w);
    }

    /// <summary>The four minimisers (the three irrational ones to 6 decimals, as usually tabulated).</summary>
    public IReadOnlyList<Point2> Minima { get; } =
        [new(3, 2), new(-2.805118, 3.131312), new(-3.779310, -3.283186), new(3.584428, -1.848126)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start => new(0, 0);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-5, 5);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-5, 5);
}
