using MathNet.Numerics.LinearAlgebra;

namespace Descent.Landscapes;

/// <summary>
/// f(x, y) = a·x² + b·y², an axis-aligned bowl. Its curvatures (Hessian eigenvalues) are
/// λₓ = 2a and λᵧ = 2b, so gradient descent is stable iff η &lt; 2/max(λ) = 1/max(a, b) and the
/// condition number is max(a, b)/min(a, b). The book's bowl is a = 1/20, b = 1.
/// </summary>
public sealed class Quadratic : IQuadratic
{
    /// <summary>Creates a·x² + b·y² with a, b &gt; 0.</summary>
    public Quadratic(double a, double b, string? name = null, Point2? start = null,
        (double, double)? xRange = null, (double, double)? yRange = null)
    {
        A = Require.Positive(a);
        B = Require.Positive(b);
        Name = name ?? $"{a:G4}x² + {b:G4}y²";
        Start = Require.Finite(start ?? new Point2(-7, 2), nameof(start));
        XRange = Window(xRange ?? (-10, 10), nameof(xRange));
        YRange = Window(yRange ?? (-5, 5), nameof(yRange));
    }

    private static (double, double) Window((double Min, double Max) range, string name) =>
        double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max ? range
            : throw new ArgumentOutOfRangeException(name, range,
                $"{name} = ({Require.Show(range.Min)}, {Require.Show(range.Max)}) is out of range: the valid range is " +
                "(min, max) with both finite and min < max.");

    /// <summary>The coefficient of x².</summary>
    public double A { get; }

    /// <summary>The coefficient of y².</summary>
    public double B { get; }

    /// <summary>The two curvatures λ = (2a, 2b).</summary>
    public Point2 Curvatures => new(2 * A, 2 * B);

    /// <summary>The largest curvature, which sets gradient descent's stability bound η &lt; 2/λ.</summary>
    public double MaxCurvature => 2 * Math.Max(A, B);

    /// <summary>The smallest curvature 2·min(a, b), the flat direction.</summary>
    public double MinCurvature => 2 * Math.Min(A, B);

    /// <summary>max(a, b) / min(a, b).</summary>
    public double ConditionNumber => Math.Max(A, B) / Math.Min(A, B);

    /// <summary>2/λ_max = 1/max(a, b): gradient descent converges iff 0 &lt; η &lt; this.</summary>
    public double StabilityBound => 2 / MaxCurvature;

    /// <summary>A copy of the Hessian diag(2a, 2b) (axis-aligned, so already diagonal).</summary>
    public Matrix<double> Hessian => Matrix<double>.Build.DenseOfDiagonalArray([2 * A, 2 * B]);

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Formula => $"f(x,y) = {A:G4}\\,x^2 + {B:G4}\\,y^2";

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        return A * x * x + B * y * y;
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        return new(2 * A * x, 2 * B * y);
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; } = [new(0, 0)];

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start { get; }

    /// <inheritdoc />
    public (double Min, double Max) XRange { get; }

    /// <inheritdoc />
    public (double Min, double Max) YRange { get; }
}
