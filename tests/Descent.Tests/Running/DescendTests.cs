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
    public void Divergence_is_detected_at_the_step_it_happens()
    {
        // On the bowl, GD multiplies y by (1 − 2η) each step: η = 1.2 gives y_k = 2·(−1.4)^k, so
        // f ≥ y² overflows to ∞ at the first k with (2·1.4^k)² = ∞ in double precision.
        int expected = Enumerable.Range(1, 5000).First(k => double.IsInfinity(Math.Pow(2 * Math.Pow(1.4, k), 2)));
        var run = Descend.Run(new Sgd(1.2), Landscape.Bowl, steps: 5000);
        Assert.True(run.Diverged);
        Assert.Equal(expected, run.DivergedAtStep);
        Assert.Equal(expected - 1, run.Steps); // only finite points are kept
        Assert.All(run.Losses, l => Assert.True(double.IsFinite(l)));
        Assert.Contains($"diverged at step {expected}", run.Summary);
        Assert.Contains("η = 1.2", run.Divergence);
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
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => Descend.Run(new Sgd(0.1), Landscape.Bowl, -1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Descend.Run(new Sgd(0.1), Landscape.Bowl, 1, noise: -1)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Descend.Run(new Sgd(0.1), Landscape.Bowl, 1, start: new Point2(double.NaN, 0)));
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
