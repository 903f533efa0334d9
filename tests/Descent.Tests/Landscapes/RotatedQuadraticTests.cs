using Descent.Landscapes;
using Descent.Optimizers;

namespace Descent.Tests.Landscapes;

public class RotatedQuadraticTests
{
    private static readonly (double X, double Y)[] Probes = [(-7, 2), (3.5, -4.25), (0.1, 0.2), (-9, -1), (6, 6)];

    private static void Close(double expected, double actual, double tolerance = 1e-13, string what = "") =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(Math.Abs(expected), 1),
            $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0.1, 2, 45)]
    [InlineData(5, 0.25, 30)]
    [InlineData(1, 1, 17)]
    [InlineData(2, 7, -123.4)]
    public void MathNets_eigenvalues_are_the_curvatures_put_in(double lambda1, double lambda2, double angle)
    {
        var q = new RotatedQuadratic(lambda1, lambda2, angle);
        Close(Math.Min(lambda1, lambda2), q.MinCurvature, what: "λ_min");
        Close(Math.Max(lambda1, lambda2), q.MaxCurvature, what: "λ_max");
        Close(Math.Max(lambda1, lambda2) / Math.Min(lambda1, lambda2), q.ConditionNumber, what: "condition number");
        Close(2 / Math.Max(lambda1, lambda2), q.StabilityBound, what: "2/λ_max");

        // The Hessian written out by hand: H = Rᵀ diag(λ₁, λ₂) R with R = [[c, s], [−s, c]].
        double a = angle * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        var h = q.Hessian;
        Close(lambda1 * c * c + lambda2 * s * s, h[0, 0], what: "H₁₁");
        Close((lambda1 - lambda2) * c * s, h[0, 1], what: "H₁₂");
        Close((lambda1 - lambda2) * c * s, h[1, 0], what: "H₂₁");
        Close(lambda1 * s * s + lambda2 * c * c, h[1, 1], what: "H₂₂");

        // The eigenvectors returned are unit vectors with H v = λ v.
        foreach (var (v, lambda) in new[] { (q.FlatDirection, q.MinCurvature), (q.SteepDirection, q.MaxCurvature) })
        {
            Close(1, v.Norm, what: "|v|");
            var hv = q.Gradient(v.X, v.Y); // for a bowl centred at 0 the gradient is H θ
            Close(lambda * v.X, hv.X, 1e-12, "(Hv)ₓ");
            Close(lambda * v.Y, hv.Y, 1e-12, "(Hv)ᵧ");
        }
    }

    [Fact]
    public void Along_its_own_axes_the_curvatures_are_lambda1_and_lambda2()
    {
        // f(θ* + t·u) = ½λt² along an eigen-axis u: second difference of f divided by t².
        var q = new RotatedQuadratic(0.3, 4, 60, center: new Point2(2, -1));
        double a = Math.PI / 3;
        Point2 u1 = new(Math.Cos(a), Math.Sin(a)), u2 = new(-Math.Sin(a), Math.Cos(a));
        Close(0.3, 2 * q.Value(2 + 1.5 * u1.X, -1 + 1.5 * u1.Y) / (1.5 * 1.5), 1e-12, "λ₁ along u₁");
        Close(4, 2 * q.Value(2 + 1.5 * u2.X, -1 + 1.5 * u2.Y) / (1.5 * 1.5), 1e-12, "λ₂ along u₂");
        Assert.Equal(new Point2(0.3, 4), q.Curvatures);
        Assert.Equal(0, q.Value(2, -1));
        Assert.Equal(new Point2(2, -1), Assert.Single(q.Minima));
    }

    [Fact]
    public void Rotating_by_zero_degrees_is_the_axis_aligned_quadratic()
    {
        var rotated = Landscape.RotatedQuadratic(0.2, 3, 0);
        var axis = Landscape.Quadratic(0.1, 1.5); // a·x² + b·y² has curvatures 2a, 2b
        foreach (var (x, y) in Probes)
        {
            Close(axis.Value(x, y), rotated.Value(x, y), what: $"f({x}, {y})");
            Close(axis.Gradient(x, y).X, rotated.Gradient(x, y).X, what: $"∂f/∂x({x}, {y})");
            Close(axis.Gradient(x, y).Y, rotated.Gradient(x, y).Y, what: $"∂f/∂y({x}, {y})");
        }
        Assert.Equal(axis.Start, rotated.Start);
        Assert.Equal(axis.XRange, rotated.XRange);
        Assert.Equal(axis.YRange, rotated.YRange);
        Close(axis.MinCurvature, rotated.MinCurvature, what: "λ_min");
        Close(axis.MaxCurvature, rotated.MaxCurvature, what: "λ_max");
        Close(axis.ConditionNumber, rotated.ConditionNumber, what: "κ");
        Close(axis.StabilityBound, rotated.StabilityBound, what: "2/λ_max");
        Assert.True(axis.Hessian.Equals(rotated.Hessian), $"{axis.Hessian} vs {rotated.Hessian}");
        Assert.DoesNotContain("xy", rotated.Formula);
    }

    [Fact]
    public void Rotating_by_90_degrees_swaps_the_axes()
    {
        var turned = Landscape.RotatedQuadratic(0.2, 3, 90);
        var swapped = Landscape.Quadratic(1.5, 0.1); // λ₁ = 0.2 now lies along y, λ₂ = 3 along x
        foreach (var (x, y) in Probes)
        {
            // cos 90° is 6e-17, not 0, hence a tolerance instead of equality.
            Close(swapped.Value(x, y), turned.Value(x, y), 1e-14, $"f({x}, {y})");
            Close(swapped.Gradient(x, y).X, turned.Gradient(x, y).X, 1e-14, $"∂f/∂x({x}, {y})");
            Close(swapped.Gradient(x, y).Y, turned.Gradient(x, y).Y, 1e-14, $"∂f/∂y({x}, {y})");
        }
        Close(-2, turned.Start.X, 1e-14, "start x");   // (−7, 2) turned by 90°: (−2, −7)
        Close(-7, turned.Start.Y, 1e-14, "start y");
        Close(5, turned.XRange.Max, 1e-14, "x window");
        Close(10, turned.YRange.Max, 1e-14, "y window");
    }

    [Fact]
    public void Gradient_descent_sees_the_same_losses_at_any_angle_and_the_bound_is_two_over_lambda_max()
    {
        // SGD is rotation-equivariant: on the bowl turned by 45° (started at the turned start) it
        // makes the same losses as on the axis-aligned bowl.
        var straight = Descend.Run(new Sgd(0.5), Landscape.Quadratic(0.05, 1), steps: 200);
        var turned = Descend.Run(new Sgd(0.5), Landscape.RotatedBowl, steps: 200);
        for (int k = 0; k <= 200; k++)
            Close(straight.Losses[k], turned.Losses[k], 1e-9, $"loss at step {k}");

        double bound = Landscape.RotatedBowl.StabilityBound;   // 2/λ_max = 2/2 = 1
        Close(1, bound, what: "2/λ_max");
        var inside = Descend.Run(new Sgd(0.99 * bound), Landscape.RotatedBowl, steps: 20_000);
        // |1 − 1.01·2| = 1.02 per step: f overflows after about 1.02^k > 1e154, k ≈ 18,000.
        var outside = Descend.Run(new Sgd(1.01 * bound), Landscape.RotatedBowl, steps: 20_000);
        Assert.True(!inside.Diverged && inside.FinalLoss < 1e-10, inside.Summary);
        Assert.True(outside.Diverged, outside.Summary);
    }

    [Fact]
    public void The_formula_shows_the_cross_term_and_the_centre()
    {
        // 45°, λ = (0.1, 2): H = [[1.05, −0.95], [−0.95, 1.05]], so f = 0.525x² − 0.95xy + 0.525y².
        Assert.Equal(@"f(x,y) = 0.525\,x^2 - 0.95\,xy + 0.525\,y^2", Landscape.RotatedBowl.Formula);
        var shifted = new RotatedQuadratic(2, 2, 0, center: new Point2(1, -2));
        Assert.Equal(@"f(x,y) = 1\,(x - 1)^2 + 1\,(y + 2)^2", shifted.Formula);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_parameter_value_and_range()
    {
        var lambda = Assert.Throws<ArgumentOutOfRangeException>(() => Landscape.RotatedQuadratic(0.1, -2, 45));
        Assert.Equal("lambda2", lambda.ParamName);
        Assert.Contains("lambda2 = -2 is out of range: the valid range is (0, ∞)", lambda.Message);

        var angle = Assert.Throws<ArgumentOutOfRangeException>(() => Landscape.RotatedQuadratic(1, 2, double.NaN));
        Assert.Equal("angleDegrees", angle.ParamName);
        Assert.Contains("angleDegrees = NaN is out of range", angle.Message);

        var center = Assert.Throws<ArgumentOutOfRangeException>(
            () => new RotatedQuadratic(1, 2, 0, center: new Point2(double.PositiveInfinity, 0)));
        Assert.Equal("center", center.ParamName);
    }
}
