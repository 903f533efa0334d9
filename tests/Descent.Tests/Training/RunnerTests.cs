using Descent.Optimizers;
using Descent.Schedules;
using Descent.Tests.Optimizers;
using Descent.Tests.Schedules;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>The trainer's and the LR finder's schedules, records and argument checks.</summary>
public class RunnerTests
{
    private static readonly Dataset Blobs = Datasets.Blobs(20, 3, seed: 1);

    [Fact]
    public void Final_loss_is_the_mean_of_the_last_fifty_losses()
    {
        double[] losses = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(75.5, new TrainingRun("x", losses, losses, null, null).FinalLoss); // mean of 51 … 100
        Assert.Equal(5.5, new TrainingRun("x", losses[..10], losses[..10], null, null).FinalLoss); // all ten
        Assert.True(double.IsNaN(new TrainingRun("x", [], [], null, null).FinalLoss));
    }

    [Fact]
    public void Steps_to_reach_uses_a_twenty_step_moving_average()
    {
        // Losses 10 for 20 steps, then 0: the mean of steps k − 19 … k is 10·(40 − k)/20 for 20 ≤ k ≤ 40, below
        // 5 first when 40 − k < 10, i.e. at k = 31. A single loss of 0 (step 21) is not enough.
        double[] losses = [.. Enumerable.Repeat(10.0, 20), .. Enumerable.Repeat(0.0, 30)];
        var run = new TrainingRun("x", losses, losses, null, null);
        Assert.Equal(31, run.StepsToReach(5));
        Assert.Null(run.StepsToReach(0));
        Assert.Null(new TrainingRun("x", [0.0, 0.0], [1, 1], null, null).StepsToReach(1)); // shorter than the window
    }

    [Fact]
    public void One_cycle_drives_the_trainers_rate_and_momentum_as_pytorch_does()
    {
        const string name = "one-cycle three-phase linear";
        double[] rates = ScheduleTests.Numbers(name, "rates"), momenta = ScheduleTests.Numbers(name, "momenta");
        var opt = new RecordingOptimizer(ScheduleTests.BaseRate(name), momentum: 0.3);
        var run = Trainer.Train(new Mlp([2, 4, 3], seed: 1), Blobs, opt,
            new TrainingOptions(rates.Length) { BatchSize = 16, Schedule = ScheduleTests.Make(name) });
        Close.All(rates, run.LearningRates, "recorded rates", 1e-12);
        Close.All(rates, opt.Rates, "rates the optimizer saw", 1e-12);
        Close.All(momenta, opt.Momenta, "momenta", 1e-12);
        Assert.Equal(ScheduleTests.BaseRate(name), opt.LearningRate);
        Assert.Equal(0.3, opt.MomentumCoefficient);
    }

    [Fact]
    public void The_trainer_refuses_a_bad_schedule_before_the_first_step()
    {
        var adaGrad = new AdaGrad(0.1);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Train(new Mlp([2, 4, 3], seed: 1), Blobs, adaGrad,
            new TrainingOptions(20) { Schedule = new OneCycle(20) }));
        Assert.Equal("schedule", e.ParamName);
        Assert.Equal(0, adaGrad.StepCount);
        var growth = Assert.Throws<ArgumentException>(() => Trainer.Train(new Mlp([2, 4, 3], seed: 1), Blobs,
            new RecordingOptimizer(0.1), new TrainingOptions(10) { Schedule = new LambdaRate(t => 5 - t, "down") }));
        Assert.Contains("gives η = -0.1 at step 7", growth.Message); // 0.1 · (5 − 6)
    }

    [Fact]
    public void A_rate_of_zero_leaves_the_network_unchanged()
    {
        var model = new Mlp([2, 4, 3], seed: 1);
        double[] before = (double[])model.Parameters.Clone();
        var run = Trainer.Train(model, Blobs, new RecordingOptimizer(0.5),
            new TrainingOptions(5) { Schedule = new LambdaRate(_ => 0, "zero") });
        Assert.False(run.Diverged);
        Assert.Equal(before, model.Parameters);
        Assert.All(run.LearningRates, r => Assert.Equal(0.0, r));
    }

    [Fact]
    public void Bad_trainer_arguments_are_refused_with_their_names()
    {
        var model = new Mlp([2, 4, 3], seed: 1);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(
            () => Trainer.Train(model, Blobs, new Sgd(0.1), null!)).ParamName);
        var every = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Train(model, Blobs, new Sgd(0.1), new TrainingOptions(10) { ProgressEvery = 0 }));
        Assert.Equal("ProgressEvery", every.ParamName);
        Assert.Contains("ProgressEvery = 0 is out of range", every.Message);
    }

    [Fact]
    public void The_range_test_grows_eta_exponentially_from_low_to_high()
    {
        // ExponentialLR from low = 1e-4 with γ = (high/low)^(1/(steps − 1)): η_t = 1e-4 · 100^(t/19), ending at 1e-2.
        var sgd = new Sgd(1e-4);
        var test = LearningRateFinder.Run(() => new Mlp([2, 4, 3], seed: 1), Blobs,
            lr => lr == 1e-4 ? sgd : new Sgd(lr),
            low: 1e-4, high: 1e-2, steps: 20, batchSize: 16);
        Assert.Null(test.StoppedAt);
        Assert.Equal(20, test.Rates.Length);
        for (int t = 0; t < 20; t++) Close.Assert(1e-4 * Math.Pow(100, t / 19.0), test.Rates[t], $"rate {t}", 1e-12);
        Assert.Equal(1e-4, sgd.LearningRate); // the optimizer shows its base rate again
    }

    [Fact]
    public void Bad_range_test_arguments_are_refused_with_their_names()
    {
        Func<Mlp> model = () => new Mlp([2, 4, 3], seed: 1);
        Func<double, IOptimizer> sgd = lr => new Sgd(lr);
        string Name(Action run) => Assert.ThrowsAny<ArgumentException>(run).ParamName!;
        Assert.Equal("batchSize", Name(() => LearningRateFinder.Run(model, Blobs, sgd, batchSize: 0)));
        Assert.Equal("high", Name(() => LearningRateFinder.Run(model, Blobs, sgd, low: 1, high: 1)));
        Assert.Equal("high", Name(() => LearningRateFinder.Run(model, Blobs, sgd, low: 1, high: 0.5)));
        Assert.Equal("low", Name(() => LearningRateFinder.Run(model, Blobs, sgd, low: double.NaN)));
        Assert.Equal("high", Name(() => LearningRateFinder.Run(model, Blobs, sgd, high: double.NaN)));
        Assert.Equal("steps", Name(() => LearningRateFinder.Run(model, Blobs, sgd, steps: 9)));
        Assert.Equal("makeOptimizer", Name(() => LearningRateFinder.Run(model, Blobs, _ => new Sgd(0.5))));
    }
}
