using Descent.Landscapes;
using Descent.Optimizers;

namespace Descent.Tests.Running;

public class DescendTests
{
    [Fact]
    public void A_run_records_start_points_losses_and_gradients()
    {
        var run = Descend.Run(new Sgd(0.1), Landscape.Bowl, steps: 3);
        Assert.Equal(3, run.Steps);
        Assert.Equal(4, run.Points.Count);
        Assert.Equal(4, run.Losses.Count);
        Assert.Equal(3, run.Gradients.Count);
        Assert.Equal(new Point2(-7, 2), run.Points[0]);
        // Step 1 by hand: g = (−7/10, 4) → θ = (−7 + 0.07, 2 − 0.4)
        Assert.Equal(-0.7, run.Gradients[0].X, 12);
        Assert.Equal(4, run.Gradients[0].Y, 12);
        Assert.Equal(-6.93, run.Points[1].X, 12);
        Assert.Equal(1.6, run.Points[1].Y, 12);
        Assert.Equal(Landscape.Bowl.Value(-6.93, 1.6), run.Losses[1], 12);
        Assert.False(run.Diverged);
    }

    [Fact]
    public void A_blow_up_is_detected_before_the_run_overflows()
    {
        // On the bowl f = x²/20 + y², GD multiplies x by (1 − η/10) and y by (1 − 2η) each step: η = 1.2 gives
        // x_k = −7·0.88^k, y_k = 2·(−1.4)^k. The run blows up at the first k with f_k − f* > 10¹²·max(1, f₀ − f*),
        // f₀ = 49/20 + 4 = 6.45, long before f overflows to ∞ (near k = 1050).
        double f0 = 49.0 / 20 + 4;
        int expected = Enumerable.Range(1, 5000).First(k =>
            Math.Pow(-7 * Math.Pow(0.88, k), 2) / 20 + Math.Pow(2 * Math.Pow(1.4, k), 2) > 1e12 * f0);
        var run = Descend.Run(new Sgd(1.2), Landscape.Bowl, steps: 5000);
        Assert.True(run.Diverged);
        Assert.Equal(expected, run.DivergedAtStep);
        Assert.Equal(expected, run.Steps); // the blown-up point is finite and kept
        Assert.True(run.FinalLoss > 1e12 * f0 && run.Losses[^2] <= 1e12 * f0);
        Assert.Contains($"diverged at step {expected}", run.Summary);
        Assert.Contains("blew up", run.Divergence);
        Assert.Contains("η = 1.2", run.Divergence);
    }

    [Fact]
    public void An_overflow_in_one_step_is_reported_as_infinity()
    {
        // η = 1e200: step 1 puts y at 2 − 4e200 and x at −7 + 0.7e200, so f = x²/20 + y² overflows to ∞.
        var run = Descend.Run(new Sgd(1e200), Landscape.Bowl, steps: 10);
        Assert.Equal(1, run.DivergedAtStep);
        Assert.Equal(0, run.Steps); // only θ₀ is finite
        Assert.StartsWith("f = ∞ at θ = ", run.Divergence);
        Assert.Contains("at step 1 (η = 1E+200)", run.Divergence);
    }

    [Fact]
    public void Momentum_above_one_is_reported_as_blowing_up_although_f_stays_finite()
    {
        // Heavy ball with μ = 1.5 is unstable at any η; its f stays finite for hundreds of steps. The step is
        // found by a naive transcription of PyTorch's momentum (b ← μb + g, b₁ = g; θ ← θ − ηb) on f = x²/20 + y².
        double eta = 0.1, mu = 1.5, x = -7, y = 2, bx = 0, by = 0, f0 = 6.45;
        int expected = 0;
        for (int k = 1; k <= 200 && expected == 0; k++)
        {
            double gx = x / 10, gy = 2 * y;
            (bx, by) = k == 1 ? (gx, gy) : (mu * bx + gx, mu * by + gy);
            (x, y) = (x - eta * bx, y - eta * by);
            if (x * x / 20 + y * y > 1e12 * f0) expected = k;
        }
        var run = Descend.Run(new Sgd(eta, momentum: mu), Landscape.Bowl, steps: 200);
        Assert.InRange(expected, 2, 199);
        Assert.Equal(expected, run.DivergedAtStep);
        Assert.True(double.IsFinite(run.FinalLoss));
    }

    [Fact]
    public void A_zero_gradient_with_epsilon_zero_is_reported_as_zero_over_zero()
    {
        // Started on y = 0, ∂f/∂y = 0: Adam's first step computes m̂/(√v̂ + ε) = 0/(0 + 0) = NaN for θ[1].
        var run = Descend.Run(new Adam(0.1, epsilon: 0), Landscape.Bowl, steps: 5, start: new Point2(3, 0));
        Assert.Equal(1, run.DivergedAtStep);
        Assert.StartsWith("θ[1] became NaN at step 1", run.Divergence);
        Assert.Contains("0/0 — a zero gradient with ε = 0", run.Divergence);
        Assert.DoesNotContain("blew up", run.Divergence);
    }

    [Fact]
    public void A_non_finite_gradient_is_reported_with_its_index_and_step()
    {
        // f = x² + y² with a gradient that is NaN in y once x < 0.5: from (1, 0) with η = 0.3, step 1 moves
        // x to 1 − 0.3·2 = 0.4, so step 2 meets the NaN.
        var run = Descend.Run(new Sgd(0.3), new BrokenGradient(), steps: 5, start: new Point2(1, 0));
        Assert.Equal(2, run.DivergedAtStep);
        Assert.Equal(1, run.Steps);
        Assert.Equal(0.4, run.Final.X, 12);
        Assert.StartsWith("the gradient g[1] became NaN", run.Divergence);
        Assert.Contains("at step 2", run.Divergence);
    }

    private sealed class BrokenGradient : ILandscape
    {
        public string Name => "broken";
        public string Formula => "x^2 + y^2";
        public double Value(double x, double y) => x * x + y * y;
        public Point2 Gradient(double x, double y) => new(2 * x, x < 0.5 ? double.NaN : 2 * y);
        public IReadOnlyList<Point2> Minima { get; } = [new(0, 0)];
        public double MinimumValue => 0;
        public Point2 Start => new(1, 0);
        public (double Min, double Max) XRange => (-1, 1);
        public (double Min, double Max) YRange => (-1, 1);
    }

    [Fact]
    public void A_stable_rate_stays_finite_and_converges()
    {
        var run = Descend.Run(new Sgd(0.95), Landscape.Bowl, steps: 200);
        Assert.False(run.Diverged);
        Assert.True(run.DistanceToMinimum < 1e-6, run.Summary);
        Assert.Equal(0, run.StepsToReach(double.PositiveInfinity));
        Assert.Null(run.StepsToReach(-1));
    }

    [Fact]
    public void Noise_is_reproducible_by_seed_and_changes_with_it()
    {
        var a = Descend.Run(new Momentum(0.05), Landscape.Bowl, 50, noise: 0.5, seed: 7);
        var b = Descend.Run(new Momentum(0.05), Landscape.Bowl, 50, noise: 0.5, seed: 7);
        var c = Descend.Run(new Momentum(0.05), Landscape.Bowl, 50, noise: 0.5, seed: 8);
        Assert.Equal(a.Points, b.Points);
        Assert.NotEqual(a.Points, c.Points);
        // The noise really is added: the recorded gradient differs from the analytic one.
        var g0 = Landscape.Bowl.Gradient(-7, 2);
        Assert.NotEqual(g0, a.Gradients[0]);
    }

    [Fact]
    public void Noise_has_the_requested_spread()
    {
        // Start at the minimum with a tiny rate: the recorded gradients are (almost) pure noise.
        var run = Descend.Run(new Sgd(1e-12), Landscape.Bowl, 20000, start: new Point2(0, 0), noise: 2, seed: 1);
        var xs = run.Gradients.Select(g => g.X).ToArray();
        double mean = xs.Average(), sd = Math.Sqrt(xs.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(sd, 1.95, 2.05);
    }

    [Fact]
    public void Each_run_starts_from_a_fresh_optimizer()
    {
        var opt = new Adam(0.1);
        var first = Descend.Run(opt, Landscape.Rosenbrock, 30);
        var second = Descend.Run(opt, Landscape.Rosenbrock, 30);
        Assert.Equal(first.Points, second.Points);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_names()
    {
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(
            () => Descend.Run(new Sgd(0.1), Landscape.Bowl, -1)).ParamName);
        var tooLong = Assert.Throws<ArgumentOutOfRangeException>(
            () => Descend.Run(new Sgd(0.1), Landscape.Bowl, int.MaxValue));
        Assert.Equal("steps", tooLong.ParamName);
        Assert.Contains("[0, 10000000]", tooLong.Message);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(
            () => Descend.Run(new Sgd(0.1), Landscape.Bowl, 1, noise: -1)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => Descend.Run(new Sgd(0.1), Landscape.Bowl, 1, start: new Point2(double.NaN, 0)));
        Assert.Equal("start", e.ParamName);
    }

    [Fact]
    public void Descending_allocates_nothing_per_step()
    {
        // Only the arrays for the recorded trajectory are allocated, so 10× the steps costs about 10× the
        // bytes of those arrays and nothing per step beyond them.
        Descend.Run(new Adam(0.01), Landscape.Rosenbrock, 10); // warm up
        long Measure(int steps)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Descend.Run(new Adam(0.01), Landscape.Rosenbrock, steps);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long small = Measure(1000), large = Measure(11000);
        // Recorded per step: a point (16 B) + a loss (8 B) + a gradient (16 B) = 40 B.
        long perStep = (large - small) / 10000;
        Assert.InRange(perStep, 40, 41);
    }
}
