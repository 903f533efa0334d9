using Descent.Optimizers;
using Descent.Schedules;

namespace Descent.Training;

/// <summary>What an LR range test measured.</summary>
/// <param name="Rates">The rate used at each step (growing exponentially).</param>
/// <param name="Losses">The mini-batch loss at each step, smoothed (exponential average, bias-corrected).</param>
/// <param name="Suggested">The rate at the minimum of the smoothed loss, divided by 10 (the usual rule of thumb:
/// the minimum itself is already at the edge of instability).</param>
/// <param name="Steepest">The rate where the smoothed loss fell fastest against log η (a second, noisier
/// reading).</param>
/// <param name="StoppedAt">The rate at which the loss blew up (4× its best, or non-finite) and the test stopped;
/// null if it never did.</param>
/// <param name="StopReason">Why the test stopped early, with the step; null if it ran to the end.</param>
public sealed record RangeTest(double[] Rates, double[] Losses, double Suggested, double Steepest, double? StoppedAt,
    string? StopReason = null)
{
    /// <summary>The rate at which the smoothed loss was lowest (NaN if the very first step failed).</summary>
    public double AtMinimum => Losses.Length == 0 ? double.NaN : Rates[Array.IndexOf(Losses, Losses.Min())];
}

/// <summary>
/// The learning-rate range test ("LR finder"): one short run in which η grows exponentially from
/// <c>low</c> to <c>high</c>; the loss first hardly moves, then falls, then explodes. A good η is
/// about ten times below where the (smoothed) loss is lowest, well before it explodes. The growth is
/// PyTorch's ExponentialLR (<see cref="ExponentialDecay"/> with γ = (high/low)^(1/(steps − 1))) on an
/// optimizer made at rate <c>low</c>, applied by the same schedule machinery as every other runner.
/// </summary>
public static class LearningRateFinder
{
    /// <summary>Runs the test on a fresh model from <paramref name="makeModel"/>.</summary>
    /// <param name="makeModel">Makes the network (called once).</param>
    /// <param name="data">The training set.</param>
    /// <param name="makeOptimizer">Makes the optimizer at rate η (called once, with <paramref name="low"/>).</param>
    /// <param name="low">The first rate, finite and &gt; 0.</param>
    /// <param name="high">The last rate, finite and &gt; <paramref name="low"/>.</param>
    /// <param name="steps">The length of the test, ≥ 10.</param>
    /// <param name="batchSize">Rows per mini-batch, ≥ 1.</param>
    /// <param name="seed">Seed of the shuffling.</param>
    public static RangeTest Run(Func<Mlp> makeModel, Dataset data, Func<double, IOptimizer> makeOptimizer,
        double low = 1e-5, double high = 10, int steps = 200, int batchSize = 128, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(makeModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(makeOptimizer);
        Require.Positive(low);
        Require.Positive(high);
        if (!(high > low)) throw Require.OutOfRange(nameof(high), high, $"({Require.Show(low)}, ∞): above low");
        Require.Between(steps, 10, Descend.MaxSteps);
        Require.AtLeast(batchSize, 1);
        double gamma = Math.Pow(high / low, 1.0 / (steps - 1));
        if (!double.IsFinite(gamma))
            throw Require.OutOfRange(nameof(high), high,
                $"({Require.Show(low)}, {Require.Show(low * double.MaxValue)}): high/low must be a finite ratio");
        var model = makeModel() ?? throw new ArgumentException(
            "makeModel() returned null: a valid makeModel makes a fresh network.", nameof(makeModel));
        model.RequireFits(data, nameof(data));
        model.RequireFiniteParameters(nameof(makeModel));
        var optimizer = makeOptimizer(low) ?? throw new ArgumentException(
            "makeOptimizer(low) returned null: a valid makeOptimizer returns an optimizer at the rate it is given.",
            nameof(makeOptimizer));
        if (optimizer.LearningRate != low)
            throw new ArgumentException(
                $"makeOptimizer({Require.Show(low)}) made an optimizer with LearningRate = " +
                $"{Require.Show(optimizer.LearningRate)}: it must use the rate it is given.", nameof(makeOptimizer));
        Trainer.RequireFits(optimizer, model, nameof(makeOptimizer));
        var schedule = new ExponentialDecay(gamma);
        var driver = ScheduleDriver.Start(optimizer, schedule, steps);
        optimizer.Reset();
        try
        {
            return Measure(model, data, optimizer, driver, steps, Math.Min(batchSize, data.Count), seed);
        }
        finally
        {
            driver.Restore();
        }
    }

    private static RangeTest Measure(Mlp model, Dataset data, IOptimizer optimizer, ScheduleDriver driver, int steps,
        int batch, int seed)
    {
        var random = new Random(seed);
        var gradient = new double[model.Parameters.Length];
        var rates = new List<double>();
        var losses = new List<double>();
        double average = 0, best = double.PositiveInfinity;
        double? stopped = null;
        string? reason = null;
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        for (int t = 0; t < steps; t++)
        {
            double lr = driver.Apply(t);
            if (cursor + batch > order.Length) { random.Shuffle(order); cursor = 0; }
            double loss = model.LossAndGradient(data, order.AsSpan(cursor, batch), gradient);
            cursor += batch;
            if (!double.IsFinite(loss))
            {
                (stopped, reason) = (lr, $"the loss became {ScheduleDriver.Show(loss)} at step {t + 1} " +
                    $"(η = {ScheduleDriver.Show(lr)})");
                break;
            }
            average = 0.9 * average + 0.1 * loss;
            double smoothed = average / (1 - Math.Pow(0.9, t + 1));
            rates.Add(lr);
            losses.Add(smoothed);
            best = Math.Min(best, smoothed);
            if (smoothed > 4 * best && t > 10)
            {
                (stopped, reason) = (lr, $"the smoothed loss {ScheduleDriver.Show(smoothed)} passed 4 × its best " +
                    $"{ScheduleDriver.Show(best)} at step {t + 1} (η = {ScheduleDriver.Show(lr)})");
                break;
            }
            int bad = Array.FindIndex(gradient, g => !double.IsFinite(g));
            if (bad >= 0)
            {
                (stopped, reason) = (lr, $"the gradient of {model.Describe(bad)} became " +
                    $"{ScheduleDriver.Show(gradient[bad])} at step {t + 1} (η = {ScheduleDriver.Show(lr)})");
                break;
            }
            optimizer.Step(model.Parameters, gradient);
        }
        if (rates.Count == 0)
            return new RangeTest([], [], double.NaN, double.NaN, stopped, reason);
        // Steepest descent of the smoothed loss against log η (central differences, ends excluded).
        int steepest = 1;
        double slope = double.PositiveInfinity;
        for (int i = 1; i < losses.Count - 1; i++)
        {
            double s = (losses[i + 1] - losses[i - 1]) / (Math.Log(rates[i + 1]) - Math.Log(rates[i - 1]));
            if (s < slope) { slope = s; steepest = i; }
        }
        double atMinimum = rates[losses.IndexOf(losses.Min())];
        return new RangeTest(rates.ToArray(), losses.ToArray(), atMinimum / 10,
            rates[Math.Min(steepest, rates.Count - 1)], stopped, reason);
    }
}
