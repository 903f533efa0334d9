using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Schedules;
using Descent.Tests.Optimizers;
using Descent.Tests.Schedules;

namespace Descent.Tests.Running;

/// <summary>Descend.Run with a schedule, and the typed, read-only observe callback.</summary>
public class ScheduledRunTests
{
    [Fact]
    public void A_schedule_drives_each_step_and_the_base_rate_comes_back()
    {
        // Bowl, GD: y ← y(1 − 2η). StepDecay(2, 0.5) on η₀ = 0.2 gives η = 0.2, 0.2, 0.1, 0.1, 0.05:
        // y = 2 · 0.6 · 0.6 · 0.8 · 0.8 · 0.9.
        var sgd = new Sgd(0.2);
        var seen = new List<double>();
        var run = Descend.Run(sgd, Landscape.Bowl, 5, schedule: new StepDecay(2, 0.5),
            observe: s => seen.Add(s.LearningRate));
        Assert.Equal([0.2, 0.2, 0.1, 0.1, 0.05], seen);
        Assert.Equal(2 * 0.6 * 0.6 * 0.8 * 0.8 * 0.9, run.Final.Y, 14);
        Assert.Equal(0.2, sgd.LearningRate);
        Assert.Equal("SGD η=0.2", run.Label);
    }

    [Fact]
    public void Observe_sees_each_step_typed_and_read_only()
    {
        var views = new List<StepView<Sgd>>();
        var velocity = new List<double>();
        var run = Descend.Run(new Sgd(0.1, momentum: 0.9), Landscape.Bowl, 4, observe: s =>
        {
            views.Add(s);
            velocity.Add(s.Optimizer.Velocity[1]); // typed: no cast
        });
        Assert.Equal([1, 2, 3, 4], views.Select(v => v.Step));
        for (int k = 1; k <= 4; k++)
        {
            Assert.Equal(run.Points[k], views[k - 1].Point);
            Assert.Equal(run.Losses[k], views[k - 1].Loss);
            Assert.Equal(run.Gradients[k - 1], views[k - 1].Gradient);
            Assert.Equal(0.1, views[k - 1].LearningRate);
        }
        // By hand, y-velocity b = 0.9b + 2y with b₁ = g₁ = 4: y₁ = 2 − 0.4 = 1.6, b₂ = 3.6 + 3.2 = 6.8.
        Assert.Equal(4, velocity[0], 12);
        Assert.Equal(6.8, velocity[1], 12);
    }

    [Fact]
    public void Observe_that_changes_the_rate_is_refused_and_points_to_schedules()
    {
        var sgd = new Sgd(0.1);
        var e = Assert.Throws<InvalidOperationException>(() =>
            Descend.Run(sgd, Landscape.Bowl, 5, observe: s => s.Optimizer.LearningRate = 0.2));
        Assert.Contains("observe changed the optimizer's LearningRate from 0.1 to 0.2 after step 1", e.Message);
        Assert.Contains("schedule", e.Message);
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Fact]
    public void A_schedule_whose_rate_overflows_is_refused_before_the_first_step()
    {
        // StepDecay(10, 1.5) on η₀ = 0.5: η = 0.5 · 1.5^k with k = ⌊t/10⌋; 1.5^k overflows to ∞ at the first
        // k with k·ln 1.5 > ln(double.MaxValue) (1750.5…, far from a whole number), so at t = 10k, step 10k + 1.
        int k = (int)Math.Floor(Math.Log(double.MaxValue) / Math.Log(1.5)) + 1;
        var opt = new RecordingOptimizer(0.5);
        var e = Assert.Throws<ArgumentException>(() =>
            Descend.Run(opt, Landscape.Bowl, 20000, schedule: new StepDecay(10, 1.5)));
        Assert.Equal("schedule", e.ParamName);
        Assert.Contains($"the schedule 'step ×1.5 every 10' gives η = ∞ at step {10 * k + 1} (base η = 0.5)",
            e.Message);
        Assert.Equal(0, opt.StepCount); // nothing ran
        Assert.Equal(0.5, opt.LearningRate);
    }

    [Fact]
    public void A_negative_or_nan_rate_is_refused_with_the_step()
    {
        var negative = Assert.Throws<ArgumentException>(() => Descend.Run(new RecordingOptimizer(0.1),
            Landscape.Bowl, 10,
            schedule: new LambdaRate(t => t < 5 ? 1 : -1, "flip")));
        Assert.Contains("the schedule 'flip' gives η = -0.1 at step 6", negative.Message);
        var nan = Assert.Throws<ArgumentException>(() => Descend.Run(new RecordingOptimizer(0.1), Landscape.Bowl, 10,
            schedule: new LambdaRate(_ => double.NaN, "nan")));
        Assert.Contains("gives η = NaN at step 1", nan.Message);
    }

    [Fact]
    public void A_schedule_that_cannot_serve_the_run_is_refused_before_the_first_step()
    {
        var opt = new RecordingOptimizer(0.1);
        var tooShort = Assert.Throws<ArgumentException>(
            () => Descend.Run(opt, Landscape.Bowl, 21, schedule: new OneCycle(20)));
        Assert.Equal("schedule", tooShort.ParamName);
        Assert.Contains("step 21 of this 21-step run", tooShort.Message);
        var etaMin = Assert.Throws<ArgumentException>(() =>
            Descend.Run(opt, Landscape.Bowl, 5, schedule: new CosineAnnealing(10, etaMin: 0.2)));
        Assert.Contains("etaMin = 0.2", etaMin.Message);
        Assert.Equal(0, opt.StepCount);
    }

    [Fact]
    public void A_rate_that_reaches_zero_stops_the_parameters_without_an_error()
    {
        // PolynomialDecay(4) gives η = η₀(1 − t/4) = 0.4, 0.3, 0.2, 0.1, then 0 from step 5 on: θ stops moving.
        var opt = new RecordingOptimizer(0.4);
        var run = Descend.Run(opt, Landscape.Bowl, 8, schedule: new PolynomialDecay(4));
        Assert.False(run.Diverged);
        Close.All([0.4, 0.3, 0.2, 0.1, 0, 0, 0, 0], opt.Rates, "rates");
        Assert.All(Enumerable.Range(5, 4), k => Assert.Equal(run.Points[4], run.Points[k]));
        Assert.Equal(2 * 0.2 * 0.4 * 0.6 * 0.8, run.Points[4].Y, 14); // y ← y(1 − 2η)
    }

    [Fact]
    public void Sgd_runs_at_eta_zero_at_the_end_of_a_cosine() // needs η = 0 to be valid (lead's OptimizerBase change)
    {
        // CosineAnnealing(4): η₀(1 + cos(πt/4))/2 reaches exactly 0 at t = 4 (step 5), the last step here.
        var sgd = new Sgd(0.5);
        var run = Descend.Run(sgd, Landscape.Bowl, 5, schedule: new CosineAnnealing(4));
        Assert.False(run.Diverged);
        Assert.Equal(run.Points[4], run.Points[5]);
        Assert.Equal(0.5, sgd.LearningRate);
    }

    [Fact]
    public void One_cycle_drives_rate_and_momentum_as_pytorch_does_and_both_come_back()
    {
        const string name = "one-cycle linear";
        double[] rates = ScheduleTests.Numbers(name, "rates"), momenta = ScheduleTests.Numbers(name, "momenta");
        var opt = new RecordingOptimizer(ScheduleTests.BaseRate(name), momentum: 0.5);
        Descend.Run(opt, Landscape.Bowl, rates.Length, schedule: ScheduleTests.Make(name));
        Close.All(rates, opt.Rates, "rates", 1e-12);
        Close.All(momenta, opt.Momenta, "momenta", 1e-12);
        Assert.Equal(ScheduleTests.BaseRate(name), opt.LearningRate);
        Assert.Equal(0.5, opt.MomentumCoefficient);
    }

    [Fact]
    public void Cycling_the_momentum_of_an_optimizer_without_one_is_refused_naming_the_schedule()
    {
        var e = Assert.Throws<ArgumentException>(
            () => Descend.Run(new AdaGrad(0.1), Landscape.Bowl, 20, schedule: new OneCycle(20)));
        Assert.Equal("schedule", e.ParamName);
        Assert.Contains("'one-cycle over 20' cycles the momentum, but AdaGrad has none", e.Message);
        var run = Descend.Run(new AdaGrad(0.1), Landscape.Bowl, 20, schedule: new OneCycle(20, cycleMomentum: false));
        Assert.False(run.Diverged);
    }

    [Fact]
    public void A_schedule_that_errors_halfway_still_leaves_the_base_rate()
    {
        var opt = new RecordingOptimizer(0.1);
        Assert.Throws<InvalidOperationException>(() => Descend.Run(opt, Landscape.Bowl, 10,
            schedule: new ExponentialDecay(0.5), observe: s => { if (s.Step == 3) s.Optimizer.LearningRate = 1; }));
        Assert.Equal(0.1, opt.LearningRate);
    }
}
