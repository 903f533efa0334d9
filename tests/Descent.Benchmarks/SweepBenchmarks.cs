using BenchmarkDotNet.Attributes;
using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Benchmarks;

/// <summary>The learning-rate sweep of chapter 05 at scale, and MLP training throughput.</summary>
[Config(typeof(ShortConfig))]
public class SweepBenchmarks
{
    private static readonly double[] Rates = Sweep.LogSpaced(1e-4, 1e2, 200);
    private static readonly Func<double, IOptimizer>[] Makers =
        [lr => new Sgd(lr), lr => new Momentum(lr), lr => new AdaGrad(lr), lr => new RmsProp(lr), lr => new Adam(lr)];

    /// <summary>200 learning rates × 5 optimizers × 500 steps on Rosenbrock (500,000 steps in all).</summary>
    [Benchmark]
    public double Sweep200RatesX5OptimizersX500Steps()
    {
        double sum = 0;
        foreach (var make in Makers)
            sum += Sweep.LearningRates(make, Landscape.Rosenbrock, Rates, steps: 500).FinalGaps.Count(double.IsFinite);
        return sum;
    }
}

/// <summary>Samples per second when training the spirals network of chapter 06.</summary>
[Config(typeof(ShortConfig))]
public class MlpTrainingBenchmarks
{
    private readonly Dataset spirals = Datasets.Spirals(300, 3, 0.2, seed: 1);

    [Params(50, 100)]
    public int Hidden;

    /// <summary>100 steps of batch 128 with Adam (12,800 samples): samples/s = 12,800 / time.</summary>
    [Benchmark]
    public double Train100StepsOfBatch128()
    {
        var model = new Mlp([2, Hidden, Hidden, Hidden, Hidden, 3], seed: 1);
        return Trainer.Train(model, spirals, new Adam(0.001), new TrainingOptions(100) { BatchSize = 128, Seed = 1 }).FinalLoss;
    }
}
