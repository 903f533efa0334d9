namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = √(1 + x²) − 1 + y²: far from the origin a long, gentle slope whose gradient along x
/// has constant size ≈ 1 (the pseudo-Huber function), near it an ordinary bowl; minimum 0 at the
/// origin. A gradient of constant size is where AdaGrad's ever-growing sum hurts: its step along x
/// shrinks like η/√t although the slope never gets flatter.
/// </summary>
public sealed class LongSlope : ILandscape
{
    /// <inheritdoc />
    public string Name => "Long slope";

    /// <inheritdoc />
    public string Formula => @"f(x,y) = \sqrt{1 + x^2} - 1 + y^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        return Math.Sqrt(1 + x * x) - 1 + y * y;
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        return new(x / Math.Sqrt(1 + x * x), 2 * y);
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(0, 0)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start => new(-50, 1);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-55, 5);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-3, 3);
}
