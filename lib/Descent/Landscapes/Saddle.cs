namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = x² + y⁴/4 − y²: a saddle point at the origin (a minimum along x, a maximum along y)
/// between two minima of value −1 at (0, ±√2). Started on or near y = 0, plain gradient descent
/// escapes slowly because the gradient there is tiny.
/// </summary>
public sealed class Saddle : ILandscape
{
    /// <inheritdoc />
    public string Name => "Saddle";

    /// <inheritdoc />
    public string Formula => @"f(x,y) = x^2 + \tfrac{1}{4}y^4 - y^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        return x * x + y * y * y * y / 4 - y * y;
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        return new(2 * x, y * y * y - 2 * y);
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(0, Math.Sqrt(2)), new(0, -Math.Sqrt(2))];

    /// <inheritdoc />
    public double MinimumValue => -1;

    /// <summary>The saddle point itself, where ∇f = 0 but f is not a minimum.</summary>
    public Point2 SaddlePoint => new(0, 0);

    /// <inheritdoc />
    public Point2 Start => new(-2, 1e-3);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-2.5, 2.5);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-2.5, 2.5);
}
