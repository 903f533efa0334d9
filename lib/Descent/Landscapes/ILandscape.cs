namespace Descent.Landscapes;

/// <summary>A point of the plane: parameters (x, y) or a gradient (∂f/∂x, ∂f/∂y).</summary>
public readonly record struct Point2(double X, double Y)
{
    /// <summary>The Euclidean norm √(x² + y²).</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y);

    /// <summary>Distance to another point.</summary>
    public double DistanceTo(Point2 other) => (this - other).Norm;

    /// <summary>Component-wise difference.</summary>
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    /// <inheritdoc />
    public override string ToString() => $"({X:G6}, {Y:G6})";
}

/// <summary>
/// A two-parameter test function f(x, y) with its analytic gradient, its known minima and what a
/// chart needs (a default start and a plot window).
/// </summary>
public interface ILandscape
{
    /// <summary>A short name for titles and legends.</summary>
    string Name { get; }

    /// <summary>The formula in LaTeX, for markdown and chart titles.</summary>
    string Formula { get; }

    /// <summary>f(x, y).</summary>
    double Value(double x, double y);

    /// <summary>∇f(x, y), computed analytically.</summary>
    Point2 Gradient(double x, double y);

    /// <summary>The global minimisers (several for Himmelblau); empty if f is unbounded below.</summary>
    IReadOnlyList<Point2> Minima { get; }

    /// <summary>f at the minimisers.</summary>
    double MinimumValue { get; }

    /// <summary>A start point that shows the landscape's character.</summary>
    Point2 Start { get; }

    /// <summary>The x window for contour charts.</summary>
    (double Min, double Max) XRange { get; }

    /// <summary>The y window for contour charts.</summary>
    (double Min, double Max) YRange { get; }
}
