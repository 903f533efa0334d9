namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², flat plateaus and sharp
/// ridges; minimum 0 at (3, 0.5).
/// </summary>
public sealed class Beale : ILandscape
{
    /// <inheritdoc />
    public string Name => "Beale";

    /// <inheritdoc />
    public string Formula => @"f(x,y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        var (t1, t2, t3) = (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y);
        return t1 * t1 + t2 * t2 + t3 * t3;
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        var (t1, t2, t3) = (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y);
        double dx = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1);
        double dy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y;
        return new(dx, dy);
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(3, 0.5)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start => new(1, 1.5);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-4.5, 4.5);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-4.5, 4.5);
}
