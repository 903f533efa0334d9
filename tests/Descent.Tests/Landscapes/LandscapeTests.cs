using Descent.Landscapes;
using MathNet.Numerics.Differentiation;

namespace Descent.Tests.Landscapes;

public class LandscapeTests
{
    private const string SmallQuadratic = "quadratic 0.1, 2";
    private const string ShiftedRotated = "rotated 3, 0.5 by −110° about (1, −2)";

    public static TheoryData<string> Names() =>
        new(Landscape.All.Select(l => l.Name).Append(SmallQuadratic).Append(ShiftedRotated));

    private static ILandscape Get(string name) => name switch
    {
        SmallQuadratic => Landscape.Quadratic(0.1, 2),
        ShiftedRotated => new RotatedQuadratic(3, 0.5, -110, center: new Point2(1, -2)),
        _ => Landscape.All.Single(l => l.Name == name),
    };

    // MathNet's 3-point central difference (f(x + h) − f(x − h))/2h with its default "relative" step
    // h = 2^round(log₂(ε^(1/3)·(1 + |x|))) ≈ 7.6e-6·(1 + |x|), ε = 2⁻⁵². Its error is about
    // h²·|f'''|/6 (truncation) + ε·|f|/h (rounding). Tolerance: |analytic − numeric| ≤ 1e-6·max(|numeric|, 1),
    // the library's "close" (relative with a floor of 1). On this lattice the worst error measured is
    // 1.1e-8·max(|numeric|, 1) (Himmelblau, where f''' = 24x reaches 120 and h ≈ 6e-5); Rosenbrock,
    // Beale and Rastrigin 3e-9 to 1e-8, the quadratics about 1e-10: ~100× inside the tolerance, while a
    // gradient with a wrong coefficient or a missing term is off by far more than 1e-6.
    [Theory]
    [MemberData(nameof(Names))]
    public void Analytic_gradient_matches_MathNet_central_differences(string name)
    {
        var f = Get(name);
        var (x0, x1) = f.XRange;
        var (y0, y1) = f.YRange;
        Func<double[], double> value = p => f.Value(p[0], p[1]);
        var centralDifference = new NumericalDerivative(points: 3, center: 1); // not thread-safe: one per test
        for (int i = 0; i <= 6; i++)
        for (int j = 0; j <= 6; j++)
        {
            // An off-grid lattice over the plot window (0.07 keeps away from symmetric special points).
            double x = x0 + (x1 - x0) * (i + 0.07) / 7, y = y0 + (y1 - y0) * (j + 0.07) / 7;
            var g = f.Gradient(x, y);
            double dx = centralDifference.EvaluatePartialDerivative(value, [x, y], parameterIndex: 0, order: 1);
            double dy = centralDifference.EvaluatePartialDerivative(value, [x, y], parameterIndex: 1, order: 1);
            Assert.True(Math.Abs(g.X - dx) <= 1e-6 * Math.Max(Math.Abs(dx), 1),
                $"{name} ∂f/∂x at ({x}, {y}): analytic {g.X}, numeric {dx}");
            Assert.True(Math.Abs(g.Y - dy) <= 1e-6 * Math.Max(Math.Abs(dy), 1),
                $"{name} ∂f/∂y at ({x}, {y}): analytic {g.Y}, numeric {dy}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_known_minima_are_stationary_and_have_the_minimum_value(string name)
    {
        var f = Get(name);
        Assert.NotEmpty(f.Minima);
        foreach (var m in f.Minima)
        {
            // Himmelblau's irrational minima are tabulated to 6 decimals, hence the tolerances.
            Assert.InRange(f.Value(m.X, m.Y) - f.MinimumValue, -1e-12, 1e-8);
            Assert.InRange(f.Gradient(m.X, m.Y).Norm, 0, 1e-3);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Nothing_in_the_window_is_below_the_minimum(string name)
    {
        var f = Get(name);
        var (x0, x1) = f.XRange;
        var (y0, y1) = f.YRange;
        for (int i = 0; i <= 50; i++)
        for (int j = 0; j <= 50; j++)
            Assert.True(f.Value(x0 + (x1 - x0) * i / 50, y0 + (y1 - y0) * j / 50) >= f.MinimumValue - 1e-12);
    }

    [Fact]
    public void The_books_bowl_is_x_squared_over_20_plus_y_squared()
    {
        Assert.Equal(49.0 / 20 + 4, Landscape.Bowl.Value(-7, 2), 12);
        var g = Landscape.Bowl.Gradient(-7, 2);
        Assert.Equal(-0.7, g.X, 12);
        Assert.Equal(4, g.Y, 12);
        Assert.Equal(new Point2(-7, 2), Landscape.Bowl.Start);
        Assert.Equal(20, Landscape.Bowl.ConditionNumber, 12);
        Assert.Equal(2, Landscape.Bowl.MaxCurvature);
        // x²/20 + y²: curvatures 2·(1/20) = 0.1 and 2·1 = 2; η < 2/2 = 1.
        Assert.Equal(0.1, Landscape.Bowl.MinCurvature, 15);
        Assert.Equal(1, Landscape.Bowl.StabilityBound, 15);
        var h = Landscape.Bowl.Hessian;
        Assert.Equal(new[,] { { 0.1, 0 }, { 0, 2 } }, h.ToArray());
        h[0, 0] = 99;   // a copy: the landscape is not changed through it
        Assert.Equal(0.1, Landscape.Bowl.Hessian[0, 0], 15);
    }

    [Fact]
    public void The_saddle_point_is_stationary_but_not_a_minimum()
    {
        var s = Landscape.Saddle;
        Assert.Equal(0, s.Gradient(0, 0).Norm);
        Assert.True(s.Value(0, 0.1) < s.Value(0, 0));
        Assert.True(s.Value(0.1, 0) > s.Value(0, 0));
    }

    [Fact]
    public void Quadratic_coefficients_are_checked()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Landscape.Quadratic(0, 1));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("(0, ∞)", e.Message);
    }
}
