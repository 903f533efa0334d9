using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Tests.Optimizers;

namespace Descent.Tests.Running;

public class SweepTests
{
    [Fact]
    public void Log_spaced_rates_span_the_range_evenly_in_log_scale()
    {
        var r = Sweep.LogSpaced(1e-4, 1e2, 7);
        Assert.Equal(7, r.Length);
        for (int i = 0; i < 7; i++) Close.Assert(Math.Pow(10, -4 + i), r[i], $"rate {i}", 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sweep.LogSpaced(0, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sweep.LogSpaced(1, 10, 1));
    }

    [Fact]
    public void The_converged_band_is_the_longest_run_of_consecutive_converged_rates()
    {
        double[] rates = [1, 10, 100, 1000, 10000, 100000];
        double[] gaps = [1e-5, 1, 1e-6, 1e-7, 1e-8, double.PositiveInfinity];
        var s = new SweepResult("X", Landscape.Bowl, rates, gaps, 10);
        Assert.Equal((100.0, 10000.0), s.ConvergedRange(1e-4));
        Assert.Equal(2, s.ConvergedDecades(1e-4), 12);
        Assert.Null(s.ConvergedRange(1e-9));
        Assert.Equal(double.NegativeInfinity, s.ConvergedDecades(1e-9));
    }

    [Fact]
    public void A_sweep_records_divergence_as_infinity()
    {
        // On the bowl plain GD diverges for η > 1 (λ_max = 2) and converges below it.
        var s = Sweep.LearningRates(lr => new Sgd(lr), Landscape.Bowl, [0.5, 0.9, 1.1, 1.5], steps: 5000);
        Assert.Equal("SGD", s.Optimizer);
        Assert.True(s.FinalGaps[0] < 1e-10 && s.FinalGaps[1] < 1e-10);
        Assert.True(double.IsPositiveInfinity(s.FinalGaps[2]) && double.IsPositiveInfinity(s.FinalGaps[3]));
        Assert.Equal((0.5, 0.9), s.ConvergedRange(1e-6));
    }

    [Fact]
    public void The_stability_edge_is_the_bound_two_over_lambda_and_two_plus_two_mu_over_lambda()
    {
        // Bowl: λ_max = 2, so plain GD is stable below 1 and heavy ball (μ = 0.9) below 3.8/2 = 1.9.
        // Finite runs resolve the edge to about ±0.5%: just past it the growth per step is tiny.
        Assert.InRange(Sweep.StabilityEdge(lr => new Sgd(lr), Landscape.Bowl, 0.01, 3), 0.995, 1.005);
        Assert.InRange(Sweep.StabilityEdge(lr => new Momentum(lr), Landscape.Bowl, 0.01, 5, steps: 6000), 1.9 * 0.995, 1.9 * 1.005);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => Sweep.StabilityEdge(lr => new Sgd(lr), Landscape.Bowl, 1, 0.5)).ParamName);
    }

    [Fact]
    public void Observe_sees_every_step_and_can_change_the_rate()
    {
        var seen = new List<int>();
        var run = Descend.Run(new Sgd(0.1), Landscape.Bowl, 5, observe: (t, o) => { seen.Add(t); o.LearningRate = 0.2; });
        Assert.Equal([1, 2, 3, 4, 5], seen);
        // Step 1 used 0.1, step 2 used 0.2: y₁ = 2(1 − 0.2) = 1.6, y₂ = 1.6(1 − 0.4) = 0.96
        Assert.Equal(0.96, run.Points[2].Y, 12);
    }
}
