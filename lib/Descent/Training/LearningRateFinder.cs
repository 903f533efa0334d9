using Descent.Optimizers;

namespace Descent.Training;

/// <summary>What an LR range test measured.</summary>
/// <param name="Rates">The rate used at each step (growing exponentially).</param>
/// <param name="Losses">The mini-batch loss at each step, smoothed (exponential average, bias-corrected).</param>
/// <param name="Suggested">The rate at the minimum of the smoothed loss, divided by 10 (the usual rule of thumb: the minimum itself is already at the edge of instability).</param>
/// <param name="Steepest">The rate where the smoothed loss fell fastest against log η (a second, noisier reading).</param>
/// <param name="StoppedAt">The rate at which the loss blew up (4× its best) and the test stopped; null if it never did.</param>
public sealed record RangeTest(double[] Rates, double[] Losses, double Suggested, double Steepest, double? StoppedAt)
{
    /// <summary>The rate at which the smoothed loss was lowest.</summary>
    public double AtMinimum => Rates[Array.IndexOf(Losses, Losses.Min())];
}

/// <summary>
/// The learning-rate range test ("LR finder"): one short run in which η grows exponentially from
/// <c>low</c> to <c>high</c>; the loss first hardly moves, then falls, then explodes. A good η is
/// about ten times below where the (smoothed) loss is lowest, well before it explodes.
/// </summary>
public static class LearningRateFinder
{
    /// <summary>Runs the test on a fresh model from <paramref name="makeModel"/>.</summary>
    public static RangeTest Run(Func<Mlp> makeModel, Dataset data, Func<double, IOptimizer> makeOptimizer,
        double low = 1e-5, double high = 10, int steps = 200, int batchSize = 128, int seed = 0)
    {
        Require.Positive(low);
        Require.Positive(high);
        Require.AtLeast(steps, 10);
        var model = makeModel();
        var optimizer = makeOptimizer(low);
        var random = new Random(seed);
        int batch = Math.Min(batchSize, data.Count);
        var gradient = new double[model.Parameters.Length];
        var rates = new List<double>();
        var losses = new List<double>();
        double average = 0, best = double.PositiveInfinity;
        double? stopped = null;
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        for (int t = 0; t < steps; t++)
        {
            double lr = low * Math.Pow(high / low, t / (double)(steps - 1));
            optimizer.LearningRate = lr;
            if (cursor + batch > order.Length) { random.Shuffle(order); cursor = 0; }
            double loss = model.LossAndGradient(data, order.AsSpan(cursor, batch), gradient);
            cursor += batch;
            if (!double.IsFinite(loss)) { stopped = lr; break; }
            average = 0.9 * average + 0.1 * loss;
            double smoothed = average / (1 - Math.Pow(0.9, t + 1));
            rates.Add(lr);
            losses.Add(smoothed);
            best = Math.Min(best, smoothed);
            if (smoothed > 4 * best && t > 10) { stopped = lr; break; }
            optimizer.Step(model.Parameters, gradient);
        }
        // Steepest descent of the smoothed loss against log η (central differences, ends excluded).
        int steepest = 1;
        double slope = double.PositiveInfinity;
        for (int i = 1; i < losses.Count - 1; i++)
        {
            double s = (losses[i + 1] - losses[i - 1]) / (Math.Log(rates[i + 1]) - Math.Log(rates[i - 1]));
            if (s < slope) { slope = s; steepest = i; }
        }
        double atMinimum = rates[losses.IndexOf(losses.Min())];
        return new RangeTest(rates.ToArray(), losses.ToArray(), atMinimum / 10, rates[Math.Min(steepest, rates.Count - 1)], stopped);
    }
}
