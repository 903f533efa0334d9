using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Descent.Landscapes;

/// <summary>
/// f(θ) = ½ (θ − θ*)ᵀ H (θ − θ*) with a full Hessian H = Rᵀ diag(λ₁, λ₂) R, where R rotates by the
/// angle α: the axis-aligned bowl with curvatures λ₁ along x and λ₂ along y, turned
/// counter-clockwise by α about θ*. Its axes are u₁ = (cos α, sin α) (curvature λ₁) and
/// u₂ = (−sin α, cos α) (curvature λ₂). At α = 0 it is <see cref="Quadratic"/>(λ₁/2, λ₂/2).
/// Gradient descent does not care about the rotation (same losses, rotated path), but every method
/// with a rate per coordinate (AdaGrad, RMSProp, Adam) does: a diagonal valley is not along any
/// coordinate axis. λ_min, λ_max, the condition number and 2/λ_max come from MathNet's symmetric
/// eigen-decomposition of H.
/// </summary>
public sealed class RotatedQuadratic : IQuadratic
{
    private readonly double hxx, hxy, hyy;
    private readonly Matrix<double> hessian;

    /// <summary>Creates the bowl with curvatures λ₁, λ₂ &gt; 0 turned by <paramref name="angleDegrees"/>.</summary>
    /// <param name="lambda1">Curvature along u₁ = (cos α, sin α), a finite number &gt; 0.</param>
    /// <param name="lambda2">Curvature along u₂ = (−sin α, cos α), a finite number &gt; 0.</param>
    /// <param name="angleDegrees">α in degrees, counter-clockwise, any finite number.</param>
    /// <param name="center">The minimiser θ*; the origin if null.</param>
    /// <param name="name">Legend text; made from λ₁, λ₂ and α if null.</param>
    /// <param name="start">θ₀; if null, the axis-aligned bowl's start (−7, 2) turned with it:
    /// θ* − 7u₁ + 2u₂.</param>
    public RotatedQuadratic(double lambda1, double lambda2, double angleDegrees, Point2? center = null,
        string? name = null, Point2? start = null)
    {
        Lambda1 = Require.Positive(lambda1);
        Lambda2 = Require.Positive(lambda2);
        if (!double.IsFinite(angleDegrees))
            throw Require.OutOfRange(nameof(angleDegrees), angleDegrees, "(−∞, ∞): a finite number of degrees");
        Center = Finite(center ?? new Point2(0, 0), nameof(center));
        AngleDegrees = angleDegrees;

        // Reduced to (−360°, 360°) first: a huge angle would overflow to ∞ in radians (cos ∞ is NaN).
        double alpha = Math.IEEERemainder(angleDegrees, 360) * Math.PI / 180, c = Math.Cos(alpha), s = Math.Sin(alpha);
        var build = Matrix<double>.Build;
        var r = build.DenseOfArray(new[,] { { c, s }, { -s, c } });
        var h = r.Transpose() * build.DenseOfDiagonalArray([lambda1, lambda2]) * r;
        hessian = (h + h.Transpose()) / 2; // exactly symmetric, whatever the rounding of the products
        (hxx, hxy, hyy) = (hessian[0, 0], hessian[0, 1], hessian[1, 1]);

        // Symmetric EVD: real eigenvalues in ascending order, orthonormal eigenvectors as columns.
        var evd = hessian.Evd(Symmetricity.Symmetric);
        MinCurvature = evd.EigenValues[0].Real;
        MaxCurvature = evd.EigenValues[1].Real;
        FlatDirection = new Point2(evd.EigenVectors[0, 0], evd.EigenVectors[1, 0]);
        SteepDirection = new Point2(evd.EigenVectors[0, 1], evd.EigenVectors[1, 1]);

        Name = name ?? $"rotated quadratic λ = ({Show(lambda1)}, {Show(lambda2)}), {Show(angleDegrees)}°";
        Start = Finite(start ?? new Point2(Center.X - 7 * c - 2 * s, Center.Y - 7 * s + 2 * c), nameof(start));
        // The axis-aligned window (±10, ±5) turned with the bowl: its bounding box.
        double halfX = 10 * Math.Abs(c) + 5 * Math.Abs(s), halfY = 10 * Math.Abs(s) + 5 * Math.Abs(c);
        XRange = (Center.X - halfX, Center.X + halfX);
        YRange = (Center.Y - halfY, Center.Y + halfY);
        Minima = [Center];
    }

    /// <summary>The curvature λ₁ along u₁ = (cos α, sin α).</summary>
    public double Lambda1 { get; }

    /// <summary>The curvature λ₂ along u₂ = (−sin α, cos α).</summary>
    public double Lambda2 { get; }

    /// <summary>The rotation α in degrees, counter-clockwise.</summary>
    public double AngleDegrees { get; }

    /// <summary>The minimiser θ*.</summary>
    public Point2 Center { get; }

    /// <summary>The two curvatures (λ₁, λ₂) along the bowl's own axes u₁, u₂, as given.</summary>
    public Point2 Curvatures => new(Lambda1, Lambda2);

    /// <inheritdoc />
    public Matrix<double> Hessian => hessian.Clone();

    /// <inheritdoc />
    public double MinCurvature { get; }

    /// <inheritdoc />
    public double MaxCurvature { get; }

    /// <inheritdoc />
    public double ConditionNumber => MaxCurvature / MinCurvature;

    /// <inheritdoc />
    public double StabilityBound => 2 / MaxCurvature;

    /// <summary>The unit eigenvector of λ_min (up to sign): the valley's floor.</summary>
    public Point2 FlatDirection { get; }

    /// <summary>The unit eigenvector of λ_max (up to sign): across the valley.</summary>
    public Point2 SteepDirection { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Formula
    {
        get
        {
            string x = Center.X == 0 ? "x" : $"(x {Signed(-Center.X)})";
            string y = Center.Y == 0 ? "y" : $"(y {Signed(-Center.Y)})";
            // cos 90° is 6e-17, not 0: a cross term that small is rounding, not part of the bowl.
            bool cross = Math.Abs(hxy) > 1e-12 * Math.Max(hxx, hyy);
            string xy = cross ? $" {Signed(hxy)}\\,{x}{y}" : "";
            return $"f(x,y) = {Show(hxx / 2)}\\,{x}^2{xy} + {Show(hyy / 2)}\\,{y}^2";
        }
    }

    /// <inheritdoc />
    public double Value(double x, double y)
    {
        Landscape.Check(x, y);
        double dx = x - Center.X, dy = y - Center.Y;
        return 0.5 * (hxx * dx * dx + 2 * hxy * dx * dy + hyy * dy * dy);
    }

    /// <inheritdoc />
    public Point2 Gradient(double x, double y)
    {
        Landscape.Check(x, y);
        double dx = x - Center.X, dy = y - Center.Y;
        return new(hxx * dx + hxy * dy, hxy * dx + hyy * dy);
    }

    /// <inheritdoc />
    public IReadOnlyList<Point2> Minima { get; }

    /// <inheritdoc />
    public double MinimumValue => 0;

    /// <inheritdoc />
    public Point2 Start { get; }

    /// <inheritdoc />
    public (double Min, double Max) XRange { get; }

    /// <inheritdoc />
    public (double Min, double Max) YRange { get; }

    private static Point2 Finite(Point2 p, string name) =>
        double.IsFinite(p.X) && double.IsFinite(p.Y) ? p
            : throw new ArgumentOutOfRangeException(name, p,
                $"{name} = {p} is out of range: the valid range is two finite coordinates.");

    private static string Show(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Signed(double v) => v < 0 ? $"- {Show(-v)}" : $"+ {Show(v)}";
}
