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

    /// <summary>
    /// A learning-rate schedule: step t runs at <c>Schedule.At(t, η₀)</c> with η₀ the optimizer's rate; every
    /// step's rate is checked before the first step. None keeps η₀.
    /// </summary>
    public ISchedule? Schedule { get; init; }

    /// <summary>Clip the gradient's global norm to this value before each step.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Clip every gradient component to ±this value before each step.</summary>
    public double? ClipValue { get; init; }

    /// <summary>Called every <see cref="ProgressEvery"/> steps with (step, loss): for a live display.</summary>
    public Action<int, double>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> is called, in steps, ≥ 1.</summary>
    public int ProgressEvery { get; init; } = 100;

    /// <summary>Every setting checked before a run touches anything; the message names the property.</summary>
    internal void Validate(string parameter)
    {
        Require.Between(Steps, 1, Descend.MaxSteps, nameof(Steps));
        Require.AtLeast(BatchSize, 1, nameof(BatchSize));
        Require.AtLeast(ProgressEvery, 1, nameof(ProgressEvery));
        if (ClipNorm is { } norm) Require.Positive(norm, nameof(ClipNorm));
        if (ClipValue is { } value) Require.Positive(value, nameof(ClipValue));
        _ = parameter;
    }
}

/// <summary>
/// What a training run recorded, one entry per completed step. Its members match <see cref="Trajectory"/>'s:
/// <see cref="OptimizerName"/>, <see cref="FinalLoss"/>, <see cref="StepsToReach"/>, <see cref="Diverged"/>.
/// </summary>
/// <param name="OptimizerName">The optimizer's <c>Name</c>; charts pick the colour from it.</param>
/// <param name="Losses">The mini-batch loss of every completed step (measured before that step's update).</param>
/// <param name="LearningRates">The η every completed step used.</param>
/// <param name="DivergedAtStep">The step at which the divergence guard stopped the run; null if it did not.</param>
/// <param name="Divergence">What the guard saw, with the step and η; null if the run did not diverge.</param>
public sealed record TrainingRun(string OptimizerName, double[] Losses, double[] LearningRates, int? DivergedAtStep,
    string? Divergence)
{
    /// <summary>How many of the last mini-batch losses <see cref="FinalLoss"/> averages.</summary>
    public const int FinalLossWindow = 50;

    /// <summary>The window of the moving average <see cref="StepsToReach"/> compares with its target.</summary>
    public const int SmoothingWindow = 20;

    /// <summary>Whether the divergence guard stopped the run.</summary>
    public bool Diverged => DivergedAtStep is not null;

    /// <summary>
    /// The mean of the last <see cref="FinalLossWindow"/> (50) mini-batch losses, or of all of them if the
    /// run is shorter: a single mini-batch loss is too noisy to compare runs by. NaN for an empty record.
    /// </summary>
    public double FinalLoss => Losses.Length == 0 ? double.NaN : Losses.TakeLast(FinalLossWindow).Average();

    /// <summary>
    /// The first step k whose smoothed loss, the mean of the mini-batch losses of steps k − 19 … k
    /// (window <see cref="SmoothingWindow"/>), is below <paramref name="target"/>; null if none is
    /// (or the run is shorter than the window).
    /// </summary>
    public int? StepsToReach(double target)
    {
        if (double.IsNaN(target)) throw Require.OutOfRange(nameof(target), target, "[−∞, ∞]: any number but NaN");
        double sum = 0;
        for (int i = 0; i < Losses.Length; i++)
        {
            sum += Losses[i];
            if (i >= SmoothingWindow) sum -= Losses[i - SmoothingWindow];
            if (i >= SmoothingWindow - 1 && sum / SmoothingWindow < target) return i + 1;
        }
        return null;
    }
}

/// <summary>
/// The mini-batch loop: shuffle, take a batch, loss and gradient, clip, schedule, optimizer step,
/// with a divergence guard that stops at the first non-finite loss, gradient or parameter, or at a loss
/// that blew up (above <see cref="Descend.BlowUpFactor"/> · max(1, first loss): 10¹² times where the run
/// started), and says which one, at which step, with which learning rate.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place and returns the per-step record.</summary>
    /// <param name="model">The network; its parameters are updated in place.</param>
    /// <param name="data">The training set.</param>
    /// <param name="optimizer">The optimizer; reset first. Its learning rate is the base rate η₀ of
    /// <see cref="TrainingOptions.Schedule"/>, and it shows η₀ again after the run.</param>
    /// <param name="options">Steps, batch size, seed, schedule, clipping, progress.</param>
    public static TrainingRun Train(Mlp model, Dataset data, IOptimizer optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        model.RequireFits(data, nameof(data));
        model.RequireFiniteParameters(nameof(model));
        RequireFits(optimizer, model, nameof(optimizer));
        int batch = Math.Min(options.BatchSize, data.Count);
        var driver = ScheduleDriver.Start(optimizer, options.Schedule, options.Steps);
        optimizer.Reset();
        try
        {
            return Loop(model, data, optimizer, options, batch, driver);
        }
        finally
        {
            driver.Restore();
        }
    }

    private static TrainingRun Loop(Mlp model, Dataset data, IOptimizer optimizer, TrainingOptions options, int batch,
        ScheduleDriver driver)
    {
        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        int cursor = order.Length;
        var gradient = new double[model.Parameters.Length];
        var losses = new List<double>(options.Steps);
        var rates = new List<double>(options.Steps);
        double blowUp = double.PositiveInfinity;

        for (int t = 0; t < options.Steps; t++)
        {
            if (cursor + batch > order.Length) { random.Shuffle(order); cursor = 0; }
            var rows = order.AsSpan(cursor, batch);
            cursor += batch;

            double eta = driver.Apply(t);
            double loss = model.LossAndGradient(data, rows, gradient);
            if (!double.IsFinite(loss))
                return Stop(t + 1, $"the loss became {Show(loss)} {At(t + 1, eta)}");
            if (t == 0) blowUp = Descend.BlowUpFactor * Math.Max(1, loss);
            if (loss > blowUp)
                return Stop(t + 1, $"the loss blew up {At(t + 1, eta)}: {Show(loss)} exceeds " +
                    $"{Show(Descend.BlowUpFactor)} × max(1, first loss) = {Show(blowUp)}");
            int bad = FirstNonFinite(gradient);
            if (bad >= 0)
                return Stop(t + 1,
                    $"the gradient of {model.Describe(bad)} became {Show(gradient[bad])} {At(t + 1, eta)}");
            if (options.ClipNorm is { } maxNorm) Clip.ByGlobalNorm(gradient, maxNorm);
            if (options.ClipValue is { } maxValue) Clip.ByValue(gradient, maxValue);

            optimizer.Step(model.Parameters, gradient);
            losses.Add(loss);
            rates.Add(eta);
            bad = FirstNonFinite(model.Parameters);
            if (bad >= 0)
                return Stop(t + 1, double.IsNaN(model.Parameters[bad]) && gradient[bad] == 0
                    ? $"{model.Describe(bad)} became NaN {At(t + 1, eta)}: 0/0 — a zero gradient with ε = 0"
                    : $"{model.Describe(bad)} became {Show(model.Parameters[bad])} {At(t + 1, eta)}");
            if (options.Progress is not null && ((t + 1) % options.ProgressEvery == 0 || t + 1 == options.Steps))
                options.Progress(t + 1, loss);
        }
        return new TrainingRun(optimizer.Name, losses.ToArray(), rates.ToArray(), null, null);

        TrainingRun Stop(int step, string what) => new(optimizer.Name, losses.ToArray(), rates.ToArray(), step, what);
    }

    /// <summary>
    /// The optimizer can step this network: parameter groups made for its parameter count, and no matrix
    /// optimizer (Muon) alone, which would treat every weight and bias as one long row.
    /// </summary>
    internal static void RequireFits(IOptimizer optimizer, Mlp model, string name)
    {
        if (optimizer is ParameterGroups groups && groups.ParameterCount != model.Parameters.Length)
            throw new ArgumentException(
                $"{name} = {groups.Name} was made for {groups.ParameterCount} parameters, but the network has " +
                $"{model.Parameters.Length}: the valid groups cover this network's parameters (make them from it, " +
                "e.g. ParameterGroups.MuonWithAdamW(model, …)).", name);
        if (optimizer is IMatrixOptimizer)
            throw new ArgumentException(
                $"{name} = {optimizer.Name} works on weight matrices, so it cannot train a whole network alone (the " +
                "biases are vectors, and the first and last layers are better left to AdamW, as PyTorch advises): " +
                "pass ParameterGroups.MuonWithAdamW(model, muon, new AdamW(…)) instead.", name);
    }

    private static string At(int step, double eta) => $"at step {step} (η = {Show(eta)})";

    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++) if (!double.IsFinite(values[i])) return i;
        return -1;
    }

    private static string Show(double v) => ScheduleDriver.Show(v);
}
