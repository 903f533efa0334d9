using System.Globalization;
using Descent.Optimizers;
using Descent.Schedules;

namespace Descent.Training;

/// <summary>How a training run is set up. Everything has a default except the step count.</summary>
public sealed record TrainingOptions(int Steps)
{
    /// <summary>Rows per mini-batch (the book uses 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of the shuffling (each pass over the data is a new permutation).</summary>
    public int Seed { get; init; }

    /// <summary>A learning-rate schedule, applied before every step; none keeps the optimizer's rate.</summary>
    public ISchedule? Schedule { get; init; }

    /// <summary>Clip the gradient's global norm to this value before each step.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Clip every gradient component to ±this value before each step.</summary>
    public double? ClipValue { get; init; }

    /// <summary>Called every <see cref="ProgressEvery"/> steps with (step, loss): for a live display.</summary>
    public Action<int, double>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public int ProgressEvery { get; init; } = 100;
}

/// <summary>What a training run recorded.</summary>
public sealed record TrainingRun(string Optimizer, double[] Losses, double[] LearningRates, int? DivergedAtStep, string? Divergence)
{
    /// <summary>Whether the divergence guard stopped the run.</summary>
    public bool Diverged => DivergedAtStep is not null;

    /// <summary>Mean of the last <paramref name="count"/> recorded mini-batch losses (less noisy than the last one).</summary>
    public double FinalLoss(int count = 50) => Losses.Length == 0 ? double.NaN : Losses.TakeLast(Math.Min(count, Losses.Length)).Average();

    /// <summary>The first step whose smoothed loss is below <paramref name="target"/>, or null.</summary>
    public int? StepsTo(double target, int window = 20)
    {
        double sum = 0;
        for (int i = 0; i < Losses.Length; i++)
        {
            sum += Losses[i];
            if (i >= window) sum -= Losses[i - window];
            if (i >= window - 1 && sum / window < target) return i + 1;
        }
        return null;
    }
}

/// <summary>
/// The mini-batch loop: shuffle, take a batch, loss and gradient, clip, schedule, optimizer step,
/// with a divergence guard that stops at the first non-finite loss, gradient or parameter and says
/// which one, at which step, with which learning rate.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place and returns the per-step record.</summary>
    public static TrainingRun Train(Mlp model, Dataset data, IOptimizer optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        Require.AtLeast(options.Steps, 1, "Steps");
        int batch = Math.Min(Require.AtLeast(options.BatchSize, 1, "BatchSize"), data.Count);
        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        var gradient = new double[model.Parameters.Length];
        var losses = new List<double>(options.Steps);
        var rates = new List<double>(options.Steps);
        optimizer.Reset();

        for (int t = 0; t < options.Steps; t++)
        {
            if (cursor + batch > order.Length) { random.Shuffle(order); cursor = 0; }
            var rows = order.AsSpan(cursor, batch);
            cursor += batch;

            options.Schedule?.Apply(optimizer, t);
            double loss = model.LossAndGradient(data, rows, gradient);
            if (!double.IsFinite(loss))
                return Stop(t + 1, $"the loss became {Show(loss)} at step {t + 1} (η = {Show(optimizer.LearningRate)})");
            int bad = FirstNonFinite(gradient);
            if (bad >= 0)
                return Stop(t + 1, $"the gradient of {model.Describe(bad)} became {Show(gradient[bad])} at step {t + 1} (η = {Show(optimizer.LearningRate)})");
            if (options.ClipNorm is { } maxNorm) Clip.ByGlobalNorm(gradient, maxNorm);
            if (options.ClipValue is { } maxValue) Clip.ByValue(gradient, maxValue);

            optimizer.Step(model.Parameters, gradient);
            losses.Add(loss);
            rates.Add(optimizer.LearningRate);
            bad = FirstNonFinite(model.Parameters);
            if (bad >= 0)
                return Stop(t + 1, $"{model.Describe(bad)} became {Show(model.Parameters[bad])} at step {t + 1} (η = {Show(optimizer.LearningRate)})");
            if (options.Progress is not null && ((t + 1) % options.ProgressEvery == 0 || t + 1 == options.Steps))
                options.Progress(t + 1, loss);
        }
        return new TrainingRun(optimizer.Name, losses.ToArray(), rates.ToArray(), null, null);

        TrainingRun Stop(int step, string what) => new(optimizer.Name, losses.ToArray(), rates.ToArray(), step, what);
    }

    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++) if (!double.IsFinite(values[i])) return i;
        return -1;
    }

    private static string Show(double v) => double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "−∞"
        : v.ToString("G4", CultureInfo.InvariantCulture);
}
