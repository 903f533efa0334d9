using Descent.Landscapes;

namespace Descent.Tests.Landscapes;

public class LandscapeTests
{
    public static TheoryData<string> Names() => new(Landscape.All.Select(l => l.Name).Append("quadratic 0.1, 2"));

    private static ILandscape Get(string name) =>
        name == "quadratic 0.1, 2" ? Landscape.Quadratic(0.1, 2) : Landscape.All.Single(l => l.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Analytic_gradient_matches_central_finite_differences(string name)
    {
        var f = Get(name);
        var (x0, x1) = f.XRange;
        var (y0, y1) = f.YRange;
        for (int i = 0; i <= 6; i++)
        for (int j = 0; j <= 6; j++)
        {
            // An off-grid lattice over the plot window (0.07 keeps away from symmetric special points).
            double x = x0 + (x1 - x0) * (i + 0.07) / 7, y = y0 + (y1 - y0) * (j + 0.07) / 7;
            var g = f.Gradient(x, y);
            double hx = 1e-6 * Math.Max(1, Math.Abs(x)), hy = 1e-6 * Math.Max(1, Math.Abs(y));
            double dx = (f.Value(x + hx, y) - f.Value(x - hx, y)) / (2 * hx);
            double dy = (f.Value(x, y + hy) - f.Value(x, y - hy)) / (2 * hy);
            double scale = Math.Max(1, Math.Abs(f.Value(x, y)));
            Assert.True(Math.Abs(g.X - dx) <= 1e-6 * scale + 1e-6 * Math.Abs(dx), $"{name} ∂f/∂x at ({x}, {y}): analytic {g.X}, numeric {dx}");
            Assert.True(Math.Abs(g.Y - dy) <= 1e-6 * scale + 1e-6 * Math.Abs(dy), $"{name} ∂f/∂y at ({x}, {y}): analytic {g.Y}, numeric {dy}");
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
