using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;

namespace Descent.Tests.Training;

public class TrainingTests
{
    private static double[] FiniteDifferenceGradient(Mlp model, Dataset data, int[] rows, double h = 1e-6)
    {
        var g = new double[model.Parameters.Length];
        for (int i = 0; i < g.Length; i++)
        {
            double keep = model.Parameters[i];
            model.Parameters[i] = keep + h;
            double plus = model.Loss(data, rows);
            model.Parameters[i] = keep - h;
            double minus = model.Loss(data, rows);
            model.Parameters[i] = keep;
            g[i] = (plus - minus) / (2 * h);
        }
        return g;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backprop_matches_finite_differences(bool regression)
    {
        var data = regression ? Datasets.NoisyLinear(40, 3, seed: 2) : Datasets.Spirals(15, 3, seed: 2);
        var model = regression ? new Mlp([3, 8, 6, 1], seed: 3, regression: true) : new Mlp([2, 8, 6, 3], seed: 3);
        int[] rows = Enumerable.Range(0, data.Count).Where(i => i % 2 == 0).ToArray();
        var analytic = new double[model.Parameters.Length];
        model.LossAndGradient(data, rows, analytic);
        var numeric = FiniteDifferenceGradient(model, data, rows);
        int checkedCount = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double scale = Math.Max(1e-4, Math.Abs(numeric[i]));
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-5 * Math.Max(1, Math.Abs(numeric[i])) + 1e-7,
                $"{model.Describe(i)}: backprop {analytic[i]:G8}, finite differences {numeric[i]:G8} (scale {scale:G3})");
            if (Math.Abs(numeric[i]) > 1e-6) checkedCount++;
        }
        Assert.True(checkedCount > analytic.Length / 3, $"only {checkedCount} of {analytic.Length} gradients were non-zero: the check would be weak");
    }

    [Fact]
    public void Parameters_are_one_flat_buffer_with_a_readable_layout()
    {
        var model = new Mlp([2, 4, 3], seed: 0);
        Assert.Equal(2 * 4 + 4 + 4 * 3 + 3, model.Parameters.Length);
        Assert.Equal("layer 1 weight [0, 1]", model.Describe(1));
        Assert.Equal("layer 1 bias [2]", model.Describe(10));
        Assert.Equal("layer 2 weight [0, 0]", model.Describe(12));
        Assert.Equal("layer 2 bias [2]", model.Describe(26));
        Assert.Equal(new Mlp([2, 4, 3], seed: 0).Parameters, model.Parameters);      // seeded
        Assert.NotEqual(new Mlp([2, 4, 3], seed: 1).Parameters, model.Parameters);
    }

    [Fact]
    public void Clipping_follows_torch()
    {
        double[] g = [3, 4]; // norm 5
        double norm = Clip.ByGlobalNorm(g, 1);
        Assert.Equal(5, norm, 12);
        Assert.Equal(3 / (5 + 1e-6), g[0], 12); // clip_coef = max_norm / (total_norm + 1e-6)
        Assert.Equal(4 / (5 + 1e-6), g[1], 12);
        double[] small = [0.3, 0.4];
        Clip.ByGlobalNorm(small, 1);
        Assert.Equal([0.3, 0.4], small);
        double[] v = [-5, 0.5, 7];
        Clip.ByValue(v, 1);
        Assert.Equal([-1, 0.5, 1], v);
    }

    [Fact]
    public void Training_lowers_the_loss_and_reaches_high_accuracy()
    {
        var data = Datasets.Blobs(50, 3, seed: 1);
        var model = new Mlp([2, 16, 3], seed: 1);
        var run = Trainer.Train(model, data, new Adam(0.01), new TrainingOptions(300) { BatchSize = 32, Seed = 1 });
        Assert.False(run.Diverged);
        Assert.True(run.FinalLoss < run.Losses.Take(5).Average() / 5);
        Assert.True(model.Accuracy(data) > 0.95);
        Assert.Equal(300, run.Losses.Length);
    }

    [Fact]
    public void The_guard_stops_at_the_first_non_finite_value_and_says_where()
    {
        // Mean squared error with too large a rate: the loss overflows within a few steps.
        var data = Datasets.NoisyLinear(200, 3, seed: 1);
        var model = new Mlp([3, 16, 1], seed: 1, regression: true);
        var run = Trainer.Train(model, data, new Sgd(1.0), new TrainingOptions(500) { BatchSize = 32 });
        Assert.True(run.Diverged);
        Assert.Contains($"at step {run.DivergedAtStep}", run.Divergence);
        Assert.Contains("η = 1", run.Divergence);
        Assert.InRange(run.DivergedAtStep!.Value, 2, 100);
        Assert.True(run.Losses.All(double.IsFinite));
        Assert.Equal(run.DivergedAtStep!.Value - 1, run.Losses.Length);
    }

    [Fact]
    public void Schedules_drive_the_rate_and_clipping_tames_a_large_one()
    {
        var data = Datasets.Spirals(50, 3, seed: 1);
        var sgd = new Sgd(0.2);
        var scheduled = Trainer.Train(new Mlp([2, 16, 3], seed: 1), data, sgd,
            new TrainingOptions(40) { Schedule = new StepDecay(10, 0.5) });
        // η₀ = 0.2 halved every 10 steps.
        double[] expected = [.. Enumerable.Repeat(0.2, 10), .. Enumerable.Repeat(0.1, 10),
            .. Enumerable.Repeat(0.05, 10), .. Enumerable.Repeat(0.025, 10)];
        Assert.Equal(expected, scheduled.LearningRates);
        Assert.Equal(0.2, sgd.LearningRate); // the base rate is back after the run
        var linear = Datasets.NoisyLinear(200, 3, seed: 1);
        var wild = Trainer.Train(new Mlp([3, 16, 1], seed: 1, regression: true), linear, new Sgd(0.5), new TrainingOptions(300) { BatchSize = 32 });
        var clipped = Trainer.Train(new Mlp([3, 16, 1], seed: 1, regression: true), linear, new Sgd(0.5), new TrainingOptions(300) { BatchSize = 32, ClipNorm = 1 });
        Assert.True(wild.Diverged);
        Assert.False(clipped.Diverged);
    }

    [Fact]
    public void Datasets_are_deterministic_and_shaped()
    {
        var a = Datasets.Spirals(100, 4, seed: 7);
        Assert.Equal(a.X, Datasets.Spirals(100, 4, seed: 7).X);
        Assert.Equal(400, a.Count);
        Assert.Equal(4, a.Labels!.Distinct().Count());
        var moons = Datasets.TwoMoons(300, seed: 1);
        Assert.Equal(2, moons.Classes);
        Assert.Equal(150, moons.Labels!.Count(l => l == 1));
        var linear = Datasets.NoisyLinear(500, 3, noise: 0, seed: 1);
        // Noise 0: y = 2x₀ − 3x₁ + 0.5x₂ + 1 exactly.
        for (int i = 0; i < 5; i++)
            Assert.Equal(2 * linear.X[3 * i] - 3 * linear.X[3 * i + 1] + 0.5 * linear.X[3 * i + 2] + 1, linear.Targets![i], 12);
    }

    [Fact]
    public void The_range_test_finds_a_rate_between_too_small_and_explosive()
    {
        var data = Datasets.Spirals(100, 3, seed: 1);
        var test = LearningRateFinder.Run(() => new Mlp([2, 32, 32, 3], seed: 1), data, lr => new Sgd(lr), low: 1e-5, high: 100, steps: 200, batchSize: 64);
        Assert.NotNull(test.StoppedAt);
        Assert.InRange(test.Suggested, 1e-3, test.StoppedAt!.Value);
        Assert.True(test.Rates.Zip(test.Rates.Skip(1)).All(p => p.Second > p.First));
    }
}
