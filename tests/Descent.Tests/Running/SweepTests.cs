using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Schedules;
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
        Assert.Equal("SGD", s.OptimizerName);
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
        Assert.InRange(Sweep.StabilityEdge(lr => new Momentum(lr), Landscape.Bowl, 0.01, 5, steps: 6000),
            1.9 * 0.995, 1.9 * 1.005);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.StabilityEdge(lr => new Sgd(lr), Landscape.Bowl, 1, 0.5)).ParamName);
    }

    [Fact]
    public void A_sweep_can_run_every_rate_under_a_schedule()
    {
        // Bowl, GD: x ← x(1 − η/10), y ← y(1 − 2η). At η₀ = 1.5 a constant rate multiplies y by −2 per step
        // (diverges); halving η every step (ExponentialDecay(0.5), η_t = 1.5·0.5^t) gives a finite end point,
        // computed here as the product of those factors.
        double y = 2;
        for (int t = 0; t < 60; t++) y *= 1 - 2 * 1.5 * Math.Pow(0.5, t);
        var constant = Sweep.LearningRates(lr => new Sgd(lr), Landscape.Bowl, [1.5], steps: 60);
        var scheduled = Sweep.LearningRates(lr => new Sgd(lr), Landscape.Bowl, [1.5], steps: 60,
            schedule: new ExponentialDecay(0.5));
        Assert.True(double.IsPositiveInfinity(constant.FinalGaps[0]));
        double x = -7;
        for (int t = 0; t < 60; t++) x *= 1 - 1.5 * Math.Pow(0.5, t) / 10;
        Close.Assert(x * x / 20 + y * y, scheduled.FinalGaps[0], "gap under the schedule", 1e-12);
    }

    [Fact]
    public void Bad_sweep_arguments_are_refused_with_their_names()
    {
        Func<double, IOptimizer> make = lr => new Sgd(lr);
        Assert.Equal("rates", Assert.Throws<ArgumentNullException>(
            () => Sweep.LearningRates(make, Landscape.Bowl, null!, 10)).ParamName);
        Assert.Equal("rates", Assert.Throws<ArgumentException>(
            () => Sweep.LearningRates(make, Landscape.Bowl, [], 10)).ParamName);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.LearningRates(make, Landscape.Bowl, [0.1, 0], 10));
        Assert.Equal("rates", zero.ParamName);
        Assert.Contains("rates[1] = 0 is out of range", zero.Message);
        Assert.Contains("rates[0] = NaN", Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.LearningRates(make, Landscape.Bowl, [double.NaN], 10)).Message);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.StabilityEdge(make, Landscape.Bowl, 0.1, 3, steps: 0)).ParamName);
        Assert.Equal("iterations", Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.StabilityEdge(make, Landscape.Bowl, 0.1, 3, iterations: 0)).ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(
            () => Sweep.StabilityEdge(make, Landscape.Bowl, double.NaN, 3)).ParamName);
    }
}
