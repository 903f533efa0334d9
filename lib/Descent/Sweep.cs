using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Schedules;

namespace Descent;

/// <summary>What a learning-rate sweep found: per rate, where the run ended.</summary>
/// <param name="OptimizerName">The optimizer's name (as <see cref="Trajectory.OptimizerName"/>).</param>
/// <param name="Landscape">Where it ran.</param>
/// <param name="Rates">The learning rates, ascending.</param>
/// <param name="FinalGaps">f(θ_final) − f* per rate; +∞ for a run that diverged.</param>
/// <param name="Steps">Steps per run.</param>
public sealed record SweepResult(
    string OptimizerName, ILandscape Landscape, double[] Rates, double[] FinalGaps, int Steps)
{
    /// <summary>Whether the run at rate i ended within <paramref name="tolerance"/> of the minimum value.</summary>
    public bool Converged(int i, double tolerance) =>
        FinalGaps[Require.Index(i, Math.Min(Rates.Length, FinalGaps.Length))] < Tolerance(tolerance);

    private static double Tolerance(double tolerance) => Require.Positive(tolerance, nameof(tolerance));

    /// <summary>
    /// The widest run of consecutive rates that all converged, as (lowest, highest) rate, or null if
    /// none did. Its width in decades, log₁₀(highest/lowest), is how forgiving the optimizer is.
    /// </summary>
    public (double Low, double High)? ConvergedRange(double tolerance)
    {
        Tolerance(tolerance);
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < Rates.Length;)
        {
            if (!Converged(i, tolerance)) { i++; continue; }
            int j = i;
            while (j < Rates.Length && Converged(j, tolerance)) j++;
            if (j - i > bestLength) (bestStart, bestLength) = (i, j - i);
            i = j;
        }
        return bestLength == 0 ? null : (Rates[bestStart], Rates[bestStart + bestLength - 1]);
    }

    /// <summary>log₁₀(high/low) of <see cref="ConvergedRange"/>; 0 for a single rate, −∞ if none converged.</summary>
    public double ConvergedDecades(double tolerance) =>
        ConvergedRange(tolerance) is { } r ? Math.Log10(r.High / r.Low) : double.NegativeInfinity;
}

/// <summary>Runs one optimizer at many learning rates on one landscape.</summary>
public static class Sweep
{
    /// <summary>
    /// <paramref name="count"/> rates evenly spaced in log scale from <paramref name="low"/> to
    /// <paramref name="high"/>.
    /// </summary>
    public static double[] LogSpaced(double low, double high, int count)
    {
        Require.Positive(low);
        Require.Positive(high);
        Require.Between(count, 2, Descend.MaxSteps);
        return Enumerable.Range(0, count).Select(i => low * Math.Pow(high / low, i / (double)(count - 1))).ToArray();
    }

    /// <summary>
    /// The largest learning rate that is still stable, by bisection on real runs between
    /// <paramref name="low"/> (stable) and <paramref name="high"/> (unstable). A run counts as unstable
    /// when it diverges or ends above where it started (it is on its way to blowing up).
    /// </summary>
    /// <param name="make">Makes the optimizer at rate η.</param>
    /// <param name="landscape">Where to run.</param>
    /// <param name="low">A stable rate, finite and &gt; 0.</param>
    /// <param name="high">An unstable rate, above <paramref name="low"/>.</param>
    /// <param name="steps">Steps per probe run, ≥ 1.</param>
    /// <param name="iterations">Bisection steps, ≥ 1: each halves the bracket.</param>
    /// <param name="schedule">A schedule for every probe run (η₀ = the probed rate); null: constant.</param>
    public static double StabilityEdge(Func<double, IOptimizer> make, ILandscape landscape, double low, double high,
        int steps = 3000, int iterations = 40, ISchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(landscape);
        Require.Positive(low);
        if (!(high > low) || !double.IsFinite(high))
            throw Require.OutOfRange(nameof(high), high, $"({Require.Show(low)}, ∞): finite and above low");
        Require.Between(steps, 1, Descend.MaxSteps);
        Require.Between(iterations, 1, MaxIterations);
        for (int i = 0; i < iterations; i++)
        {
            double mid = (low + high) / 2;
            var probe = Descend.Run(Make(make, mid), landscape, steps, schedule: schedule);
            if (probe.Diverged || probe.FinalLoss > probe.Losses[0]) high = mid; else low = mid;
        }
        return low;
    }

    /// <summary>
    /// The most bisection steps <see cref="StabilityEdge"/> takes: 100 halvings shrink any bracket of
    /// doubles below its last bit, so more would only repeat the same runs.
    /// </summary>
    public const int MaxIterations = 100;

    /// <summary>Runs <paramref name="make"/>(η) for every rate; a diverged run's gap is +∞.</summary>
    /// <param name="make">Makes the optimizer at rate η.</param>
    /// <param name="landscape">Where to run.</param>
    /// <param name="rates">The rates, at least one, each finite and &gt; 0.</param>
    /// <param name="steps">Steps per run, in [0, <see cref="Descend.MaxSteps"/>].</param>
    /// <param name="start">θ₀; the landscape's default start if null.</param>
    /// <param name="schedule">A schedule for every run (η₀ = that run's rate); null: constant.</param>
    public static SweepResult LearningRates(Func<double, IOptimizer> make, ILandscape landscape, double[] rates,
        int steps, Point2? start = null, ISchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(landscape);
        RequireRates(rates);
        Require.Between(steps, 0, Descend.MaxSteps);
        var gaps = new double[rates.Length];
        string name = "";
        for (int i = 0; i < rates.Length; i++)
        {
            var optimizer = Make(make, rates[i]);
            name = optimizer.Name;
            var run = Descend.Run(optimizer, landscape, steps, start, schedule: schedule);
            gaps[i] = run.Diverged ? double.PositiveInfinity : run.FinalGap;
        }
        return new SweepResult(name, landscape, rates, gaps, steps);
    }

    /// <summary>
    /// For every rate, the first step at which f − f* &lt; <paramref name="target"/> (null: not within
    /// <paramref name="maxSteps"/>, or diverged), e.g. to race optimizers each at its best rate.
    /// </summary>
    /// <param name="make">Makes the optimizer at rate η.</param>
    /// <param name="landscape">Where to run.</param>
    /// <param name="rates">The rates, at least one, each finite and &gt; 0.</param>
    /// <param name="maxSteps">Steps per run, in [1, <see cref="Descend.MaxSteps"/>].</param>
    /// <param name="target">The gap f − f* to reach, finite and &gt; 0.</param>
    public static TargetSweep StepsToTarget(Func<double, IOptimizer> make, ILandscape landscape, double[] rates,
        int maxSteps, double target)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(landscape);
        RequireRates(rates);
        Require.Between(maxSteps, 1, Descend.MaxSteps);
        Require.Positive(target);
        var steps = new int?[rates.Length];
        string name = "";
        for (int i = 0; i < rates.Length; i++)
        {
            var optimizer = Make(make, rates[i]);
            name = optimizer.Name;
            var run = Descend.Run(optimizer, landscape, maxSteps);
            steps[i] = run.Diverged ? null : run.StepsToReach(target);
        }
        return new TargetSweep(name, landscape, rates, steps, target);
    }

    /// <summary>
    /// Trains a fresh network at every rate: the learning-rate sensitivity of an optimizer on a real
    /// task. A diverged run's final loss is +∞.
    /// </summary>
    /// <param name="makeModel">Makes a fresh network (the same initial weights every time: give it a fixed seed).</param>
    /// <param name="data">The training set.</param>
    /// <param name="make">Makes the optimizer at rate η.</param>
    /// <param name="rates">The rates, at least one, each finite and &gt; 0.</param>
    /// <param name="options">Steps, batch size, seed … for every run.</param>
    public static TrainingSweep Training(Func<Training.Mlp> makeModel, Training.Dataset data, Func<double, IOptimizer> make,
        double[] rates, Training.TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(makeModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(options);
        RequireRates(rates);
        options.Validate(nameof(options));
        var losses = new double[rates.Length];
        string name = "";
        for (int i = 0; i < rates.Length; i++)
        {
            var optimizer = Make(make, rates[i]);
            name = optimizer.Name;
            var model = makeModel() ?? throw new ArgumentException(
                "makeModel() returned null: a valid makeModel makes a fresh network.", nameof(makeModel));
            var run = Descent.Training.Trainer.Train(model, data, optimizer, options);
            losses[i] = run.Diverged ? double.PositiveInfinity : run.FinalLoss;
        }
        return new TrainingSweep(name, rates, losses);
    }

    /// <summary>make(η), or a clear error if the callback gave no optimizer.</summary>
    private static IOptimizer Make(Func<double, IOptimizer> make, double rate) =>
        make(rate) ?? throw new ArgumentException(
            $"make({Require.Show(rate)}) returned null: a valid make returns an optimizer at the rate it is given.",
            nameof(make));

    private static void RequireRates(double[] rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Length == 0)
            throw new ArgumentException("rates is empty: the valid value is at least one rate, each finite and > 0.",
                nameof(rates));
        for (int i = 0; i < rates.Length; i++)
            if (!double.IsFinite(rates[i]) || rates[i] <= 0)
                throw new ArgumentOutOfRangeException(nameof(rates), rates[i],
                    $"rates[{i}] = {Require.Show(rates[i])} is out of range: the valid range is (0, ∞): " +
                    "a finite number > 0.");
    }
}

/// <summary>What <see cref="Sweep.StepsToTarget"/> found: per rate, the steps to reach the target.</summary>
/// <param name="OptimizerName">The optimizer's name.</param>
/// <param name="Landscape">Where it ran.</param>
/// <param name="Rates">The learning rates.</param>
/// <param name="Steps">Steps to reach the target per rate; null if never (or diverged).</param>
/// <param name="Target">The gap f − f* that counts as arrived.</param>
public sealed record TargetSweep(string OptimizerName, ILandscape Landscape, double[] Rates, int?[] Steps, double Target)
{
    /// <summary>The rate that arrived in the fewest steps (the lowest such rate on a tie), or null if none arrived.</summary>
    public (double Rate, int Steps)? Best
    {
        get
        {
            (double Rate, int Steps)? best = null;
            for (int i = 0; i < Rates.Length; i++)
                if (Steps[i] is int s && (best is null || s < best.Value.Steps)) best = (Rates[i], s);
            return best;
        }
    }
}

/// <summary>What <see cref="Sweep.Training"/> found: per rate, the final training loss (+∞ if it diverged).</summary>
/// <param name="OptimizerName">The optimizer's name.</param>
/// <param name="Rates">The learning rates.</param>
/// <param name="FinalLosses">Mean of the last mini-batch losses per rate (<see cref="Training.TrainingRun.FinalLoss"/>).</param>
public sealed record TrainingSweep(string OptimizerName, double[] Rates, double[] FinalLosses)
{
    /// <summary>How many rates ended within <paramref name="factor"/>× of <paramref name="bestLoss"/>.</summary>
    public int RatesWithin(double factor, double bestLoss)
    {
        Require.Positive(factor);
        Require.Finite(bestLoss);
        return FinalLosses.Count(l => l < factor * bestLoss);
    }
}
