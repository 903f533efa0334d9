namespace Descent.Schedules;

/// <summary>η(t) = η₀: PyTorch's default, no scheduler.</summary>
public sealed class ConstantRate(double baseLearningRate) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));

    /// <inheritdoc />
    public string Name => $"constant {baseRate:G3}";

    /// <inheritdoc />
    public double At(int step) => Schedule.Step(step) >= 0 ? baseRate : 0;
}

/// <summary>StepLR: η(t) = η₀ · γ^⌊t / stepSize⌋.</summary>
public sealed class StepDecay(double baseLearningRate, int stepSize, double gamma = 0.1) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly int stepSize = Require.AtLeast(stepSize, 1);
    private readonly double gamma = Require.Positive(gamma);

    /// <inheritdoc />
    public string Name => $"step ×{gamma:G3} every {stepSize}";

    /// <inheritdoc />
    public double At(int step) => baseRate * Math.Pow(gamma, Schedule.Step(step) / stepSize);
}

/// <summary>MultiStepLR: η(t) = η₀ · γ^(number of milestones ≤ t).</summary>
public sealed class MultiStepDecay : ISchedule
{
    private readonly double baseRate;
    private readonly int[] milestones;
    private readonly double gamma;

    /// <summary>Milestones must be increasing.</summary>
    public MultiStepDecay(double baseLearningRate, IReadOnlyList<int> milestones, double gamma = 0.1)
    {
        baseRate = Require.Positive(baseLearningRate);
        this.gamma = Require.Positive(gamma);
        this.milestones = milestones.ToArray();
        for (int i = 1; i < this.milestones.Length; i++)
            if (this.milestones[i] <= this.milestones[i - 1])
                throw new ArgumentException($"milestones = [{string.Join(", ", milestones)}] is out of range: they must be strictly increasing.", nameof(milestones));
    }

    /// <inheritdoc />
    public string Name => $"multi-step ×{gamma:G3} at {string.Join(", ", milestones)}";

    /// <inheritdoc />
    public double At(int step) => baseRate * Math.Pow(gamma, milestones.Count(m => m <= Schedule.Step(step)));
}

/// <summary>ExponentialLR: η(t) = η₀ · γᵗ.</summary>
public sealed class ExponentialDecay(double baseLearningRate, double gamma) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly double gamma = Require.Positive(gamma);

    /// <inheritdoc />
    public string Name => $"exponential ×{gamma:G3}";

    /// <inheritdoc />
    public double At(int step) => baseRate * Math.Pow(gamma, Schedule.Step(step));
}

/// <summary>PolynomialLR: η(t) = η₀ · (1 − min(t, T)/T)^power.</summary>
public sealed class PolynomialDecay(double baseLearningRate, int totalSteps, double power = 1.0) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly int total = Require.AtLeast(totalSteps, 1);
    private readonly double power = Require.Positive(power);

    /// <inheritdoc />
    public string Name => $"polynomial^{power:G3} over {total}";

    /// <inheritdoc />
    public double At(int step) => baseRate * Math.Pow(1 - Math.Min(Schedule.Step(step), total) / (double)total, power);
}

/// <summary>LinearLR, the usual warm-up: η(t) = η₀ · (s + (e − s)·min(t, T)/T), from factor s to factor e over T steps.</summary>
public sealed class LinearWarmup(double baseLearningRate, int totalSteps, double startFactor = 1.0 / 3, double endFactor = 1.0) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly int total = Require.AtLeast(totalSteps, 1);
    private readonly double start = Require.Positive(startFactor);
    private readonly double end = Require.Positive(endFactor);

    /// <inheritdoc />
    public string Name => $"linear warm-up over {total}";

    /// <inheritdoc />
    public double At(int step) => baseRate * (start + (end - start) * Math.Min(Schedule.Step(step), total) / total);
}
