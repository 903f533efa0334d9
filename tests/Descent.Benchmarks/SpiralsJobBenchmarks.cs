using BenchmarkDotNet.Attributes;
using Descent.Benchmarks.Baseline;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Benchmarks;

/// <summary>
/// Chapter 06's spirals job (Spirals(300, 3, 0.2, seed 1); [2, 100, 100, 100, 100, 3] ReLU; batch 128; Adam
/// 0.001; 2000 steps = 256,000 samples), trained by the row-by-row network of commit 31f92da (the baseline)
/// and by today's Mlp (matrix products), through the same loop (Trainer.Train's: shuffle, batch, loss and
/// gradient, Adam step); and today's Mlp through Trainer.Train itself (with its divergence guard). The Ratio
/// column is time / baseline time (the target: ≤ 1/3); samples/s = 256,000 / time.
/// </summary>
[Config(typeof(ShortConfig))]
public class SpiralsJobBenchmarks
{
    private const int Steps = 2000, Batch = 128;
    private static readonly int[] Layers = [2, 100, 100, 100, 100, 3];
    private readonly Dataset spirals = Datasets.Spirals(pointsPerClass: 300, classes: 3, noise: 0.2, seed: 1);

    [Benchmark(Baseline = true)]
    public double RowByRow31f92da()
    {
        var model = new RowByRowMlp(Layers, seed: 1);
        return Loop(spirals, model.Parameters, (rows, g) => model.LossAndGradient(spirals, rows, g));
    }

    [Benchmark]
    public double MatrixProducts()
    {
        var model = new Mlp(Layers, seed: 1);
        return Loop(spirals, model.Parameters, (rows, g) => model.LossAndGradient(spirals, rows, g));
    }

    [Benchmark]
    public double MatrixProductsThroughTrainer() =>
        Trainer.Train(new Mlp(Layers, seed: 1), spirals, new Adam(0.001),
            new TrainingOptions(Steps) { BatchSize = Batch, Seed = 1 }).Losses[^1];

    private delegate double Step(ReadOnlySpan<int> rows, Span<double> gradient);

    /// <summary>Trainer.Train's loop without its guard; returns the last loss.</summary>
    private static double Loop(Dataset data, double[] parameters, Step step)
    {
        var random = new Random(1);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        var gradient = new double[parameters.Length];
        var adam = new Adam(0.001);
        double loss = 0;
        for (int t = 0; t < Steps; t++)
        {
            if (cursor + Batch > order.Length) { random.Shuffle(order); cursor = 0; }
            loss = step(order.AsSpan(cursor, Batch), gradient);
            cursor += Batch;
            adam.Step(parameters, gradient);
        }
        return loss;
    }
}
