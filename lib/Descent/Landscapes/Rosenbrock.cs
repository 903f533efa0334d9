namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = (a − x)² + b(y − x²)², a curved narrow valley; minimum 0 at (a, a²). Defaults a = 1, b = 100.
/// ∇f = (−2(a − x) − 4bx(y − x²), 2b(y − x²)).
/// </summary>
public sealed class Rosenbrock(double a = 1, double b = 100) : ILandscape
{
    private readonly double a = Require.Finite(a), b = Require.Positive(b);

    /// <inheritdoc />
    public string Name => "Rosenbrock";

    /// <inheritdoc />
    public string Formula => $"f(x,y) = ({a:G4} - x)^2 + {b:G4}\\,(y - x^2)^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        return (a - x) * (a - x) + b * (y - x * x) * (y - x * x);
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        return new(-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x));
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(a, a * a)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start => new(-1.5, 2);

    /// <inheritdoc />
    public (double Min, double Max) XRange => (-2, 2);

    /// <inheritdoc />
    public (double Min, double Max) YRange => (-1, 3);
}
