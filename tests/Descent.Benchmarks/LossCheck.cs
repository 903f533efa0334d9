using System.Diagnostics;
using Descent.Benchmarks.Baseline;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Descent.Benchmarks -- --check-losses</c>: chapter 06's spirals job
/// for all 2000 steps, today's Mlp against the row-by-row baseline of commit 31f92da, step by step; and, as
/// the yardstick of what rounding alone does to this job, the baseline against itself with one weight moved
/// by one ulp. Prints the largest relative loss difference per 250 steps for both. Exit 0 when today's Mlp
/// stays within 1e-9 at every step, or within 10 × the one-ulp yardstick (the job's own sensitivity); 1 otherwise.
/// </summary>
internal static class LossCheck
{
    private static readonly int[] Layers = [2, 100, 100, 100, 100, 3];

    public static int Run()
    {
        var spirals = Datasets.Spirals(pointsPerClass: 300, classes: 3, noise: 0.2, seed: 1);
        const int steps = 2000;
        var clock = Stopwatch.StartNew();
        var baseline = Train(new RowByRowMlp(Layers, seed: 1), spirals, steps);
        double baselineSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var model = new Mlp(Layers, seed: 1);
        double[] today = Trainer.Train(model, spirals, new Adam(0.001),
            new TrainingOptions(steps) { BatchSize = 128, Seed = 1 }).Losses;
        double todaySeconds = clock.Elapsed.TotalSeconds;
        var nudged = new RowByRowMlp(Layers, seed: 1);
        nudged.Parameters[5] = Math.BitIncrement(nudged.Parameters[5]);
        var yardstick = Train(nudged, spirals, steps);

        Console.WriteLine($"spirals job, {steps} steps: relative loss difference to the 31f92da baseline, largest per 250 steps");
        Console.WriteLine($"{"steps",-12} {"today's Mlp",14} {"baseline, 1 ulp",16}");
        double worstToday = 0, worstYardstick = 0;
        for (int start = 0; start < steps; start += 250)
        {
            double t = 0, y = 0;
            for (int i = start; i < start + 250; i++)
            {
                t = Math.Max(t, Math.Abs(today[i] - baseline[i]) / Math.Abs(baseline[i]));
                y = Math.Max(y, Math.Abs(yardstick[i] - baseline[i]) / Math.Abs(baseline[i]));
            }
            Console.WriteLine($"{$"{start + 1}-{start + 250}",-12} {t,14:E2} {y,16:E2}");
            (worstToday, worstYardstick) = (Math.Max(worstToday, t), Math.Max(worstYardstick, y));
        }
        Console.WriteLine($"largest: today's Mlp {worstToday:E2}, the baseline moved by one ulp {worstYardstick:E2}");
        Console.WriteLine($"time (one run, not a benchmark): baseline {baselineSeconds:F2} s, today's Mlp {todaySeconds:F2} s " +
                          $"({baselineSeconds / todaySeconds:F1}×)");
        bool strict = worstToday <= 1e-9;
        Console.WriteLine(strict
            ? "the 1e-9 target holds at every step"
            : $"the 1e-9 target is missed ({worstToday:E2}); the job's own sensitivity to one ulp is {worstYardstick:E2}");
        return strict || worstToday <= 10 * worstYardstick ? 0 : 1;
    }

    private static double[] Train(RowByRowMlp model, Dataset data, int steps)
    {
        var random = new Random(1);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        var gradient = new double[model.Parameters.Length];
        var adam = new Adam(0.001);
        var losses = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            if (cursor + 128 > order.Length) { random.Shuffle(order); cursor = 0; }
            losses[t] = model.LossAndGradient(data, order.AsSpan(cursor, 128), gradient);
            cursor += 128;
            adam.Step(model.Parameters, gradient);
        }
        return losses;
    }
}
