namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = 20 + x² − 10cos(2πx) + y² − 10cos(2πy): a bowl covered in local minima; the global
/// minimum is 0 at the origin.
/// </summary>
public sealed class Rastrigin : ILandscape
{
    /// <inheritdoc />
    public string Name => "Rastrigin";

    /// <inheritdoc />
    public string Formula => @"f(x,y) = 20 + x^2 - 10\cos 2\pi x + y^2 - 10\cos 2\pi y";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        return 20 + x * x - 10 * Math.Cos(2 * Math.PI * x) + y * y - 10 * Math.Cos(2 * Math.PI * y);
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        return new(2 * x + 20 * Math.PI * Math.Sin(2 * Math.PI * x), 2 * y + 20 * Math.PI * Math.Sin(2 * Math.PI * y));
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(0, 0)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start => new(2.2, 2.7);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-5.12, 5.12);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-5.12, 5.12);
}
