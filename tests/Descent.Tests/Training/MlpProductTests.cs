using Descent.Benchmarks.Baseline;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>
/// The Mlp whose passes are matrix products (Gemm) against the row-by-row Mlp of commit 31f92da
/// (<see cref="RowByRowMlp"/>, compiled in from the benchmark project), and against finite differences.
/// </summary>
public class MlpProductTests
{
    /// <summary>Chapter 06's spirals job: 300 points per class, 3 classes, noise 0.2, seed 1.</summary>
    private static readonly Dataset Spirals = Datasets.Spirals(pointsPerClass: 300, classes: 3, noise: 0.2, seed: 1);
    private static readonly int[] Layers = [2, 100, 100, 100, 100, 3];

    /// <summary>Trainer.Train's loop, written out for the baseline type (which Trainer cannot take).</summary>
    private static double[] TrainBaseline(RowByRowMlp model, Dataset data, IOptimizer optimizer, int steps, int batch, int seed)
    {
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        var gradient = new double[model.Parameters.Length];
        var losses = new double[steps];
        optimizer.Reset();
        for (int t = 0; t < steps; t++)
        {
            if (cursor + batch > order.Length) { random.Shuffle(order); cursor = 0; }
            losses[t] = model.LossAndGradient(data, order.AsSpan(cursor, batch), gradient);
            cursor += batch;
            optimizer.Step(model.Parameters, gradient);
        }
        return losses;
    }

    /// <summary>
    /// Chapter 06's spirals job for its 600-step book protocol. The full 2000 steps run in the benchmark project
    /// (<c>-- --check-losses</c>, optimized; the baseline here is compiled without optimization): up to about
    /// step 1,400 the two stay within 1e-14, after that the job amplifies any rounding difference, the
    /// baseline's own included (one weight moved by one ulp gives the same growth), past 1e-9 near step 1,860.
    /// </summary>
    [Fact]
    public void Chapter_06s_spirals_job_has_the_baselines_losses_at_every_step_of_the_book_protocol()
    {
        const int steps = 600;
        var baseline = new RowByRowMlp(Layers, seed: 1);
        var model = new Mlp(Layers, seed: 1);
        Assert.Equal(baseline.Parameters, model.Parameters);   // the same start

        double[] expected = TrainBaseline(baseline, Spirals, new Adam(0.001), steps, batch: 128, seed: 1);
        var run = Trainer.Train(model, Spirals, new Adam(0.001), new TrainingOptions(steps) { BatchSize = 128, Seed = 1 });

        Assert.False(run.Diverged);
        Assert.Equal(steps, run.Losses.Length);
        double worst = 0;
        int worstStep = 0;
        for (int t = 0; t < steps; t++)
        {
            double relative = Math.Abs(run.Losses[t] - expected[t]) / Math.Abs(expected[t]);
            if (relative > worst) (worst, worstStep) = (relative, t + 1);
        }
        Assert.True(worst <= 1e-9, $"step {worstStep}: relative loss difference {worst:G3} > 1e-9");
        Assert.True(expected[^1] < 0.1 * expected[0], "the job trains (else equal losses would prove little)");
        // The weights after the run agree too (relative to the largest weight).
        double scale = baseline.Parameters.Max(Math.Abs);
        double drift = baseline.Parameters.Zip(model.Parameters, (a, b) => Math.Abs(a - b)).Max() / scale;
        Assert.True(drift <= 1e-9, $"weights differ by {drift:G3} of the largest after {steps} steps");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_gradient_equals_the_baselines_on_awkward_sizes(bool regression)
    {
        // Sizes that are no multiple of any tile (8 rows, 16 columns), a batch of 13, four hidden layers.
        int[] layers = regression ? [5, 17, 9, 23, 7, 1] : [5, 17, 9, 23, 7, 3];
        var data = regression
            ? Datasets.NoisyLinear(points: 40, features: 5, seed: 2)
            : new Dataset("blobs in 5-D", Datasets.Blobs(20, 3, seed: 2).X.Chunk(2).SelectMany(p => new[] { p[0], p[1], p[0] * p[1], p[0] - p[1], 1 }).ToArray(),
                5, Datasets.Blobs(20, 3, seed: 2).Labels, null, 3);
        int[] rows = Enumerable.Range(0, 13).Select(i => i * 3 % data.Count).ToArray();
        var baseline = new RowByRowMlp(layers, seed: 4, regression: regression);
        var model = new Mlp(layers, seed: 4, regression: regression);
        var g0 = new double[model.Parameters.Length];
        var g1 = new double[model.Parameters.Length];
        Array.Fill(g1, double.NaN);   // every entry must be written
        double l0 = baseline.LossAndGradient(data, rows, g0), l1 = model.LossAndGradient(data, rows, g1);
        Assert.Equal(l0, l1, 1e-12 * Math.Abs(l0));
        double scale = g0.Max(Math.Abs);
        for (int i = 0; i < g0.Length; i++)
            Assert.True(Math.Abs(g0[i] - g1[i]) <= 1e-12 * scale, $"{model.Describe(i)}: {g1[i]:R} vs the baseline's {g0[i]:R}");
    }

    [Fact]
    public void The_gradient_of_a_deep_network_matches_finite_differences()
    {
        var data = Datasets.Spirals(pointsPerClass: 10, classes: 3, seed: 5);
        var model = new Mlp([2, 11, 9, 13, 3], seed: 6);
        int[] rows = Enumerable.Range(0, 21).ToArray();
        var gradient = new double[model.Parameters.Length];
        model.LossAndGradient(data, rows, gradient);
        const double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < model.Parameters.Length; i++)
        {
            double keep = model.Parameters[i];
            model.Parameters[i] = keep + h;
            double up = model.Loss(data, rows);
            model.Parameters[i] = keep - h;
            double down = model.Loss(data, rows);
            model.Parameters[i] = keep;
            worst = Math.Max(worst, Math.Abs((up - down) / (2 * h) - gradient[i]));
        }
        Assert.True(worst < 1e-7, $"the largest gap to the central difference is {worst:G3}");
    }

    /// <summary>
    /// Once warm, a step reuses its buffers: what it allocates does not grow with the network or the batch (the
    /// products allocate nothing, see GemmTests; 24 bytes per call come from the checks before the forward pass,
    /// as before this change), so it is the same for a one-layer network and for chapter 06's.
    /// </summary>
    [Fact]
    public void A_training_step_reuses_its_buffers_once_warm()
    {
        // The least over five windows of 20 steps: a step's own allocations recur in every window, while the
        // runtime's one-off allocations on this thread (tiered compilation installing optimized code while the
        // test runs) land in one window only. Measured once, they made a CI run see 78 bytes against 24.
        long PerStep(Mlp model)
        {
            var gradient = new double[model.Parameters.Length];
            int[] rows = Enumerable.Range(0, 128).ToArray();
            model.LossAndGradient(Spirals, rows, gradient);
            long least = long.MaxValue;
            for (int window = 0; window < 5; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++) model.LossAndGradient(Spirals, rows, gradient);
                least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / 20);
            }
            return least;
        }
        long big = PerStep(new Mlp(Layers, seed: 1)), small = PerStep(new Mlp([2, 3], seed: 1));
        Assert.Equal(small, big);
        Assert.True(big <= 64, $"{big} bytes per step");
    }
}
