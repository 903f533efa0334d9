namespace Descent.Schedules;

/// <summary>η(t) = η₀: PyTorch's default, no scheduler.</summary>
public sealed class ConstantRate : ISchedule
{
    /// <inheritdoc />
    public string Name => "constant";

    /// <inheritdoc />
    public double At(int step, double baseRate)
    {
        Schedule.Step(step);
        return Schedule.Base(baseRate);
    }
}

/// <summary>StepLR: η(t) = η₀ · γ^⌊t / stepSize⌋.</summary>
public sealed class StepDecay : ISchedule
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>PyTorch's StepLR.</summary>
    /// <param name="stepSize">Steps between two decays, ≥ 1.</param>
    /// <param name="gamma">γ &gt; 0, the factor at each decay (γ &gt; 1 grows η).</param>
    public StepDecay(int stepSize, double gamma = 0.1)
    {
        this.stepSize = Require.AtLeast(stepSize, 1);
        this.gamma = Require.Positive(gamma);
    }

    /// <inheritdoc />
    public string Name => $"step ×{Schedule.G(gamma)} every {stepSize}";

    /// <inheritdoc />
    public double At(int step, double baseRate) =>
        Schedule.Base(baseRate) * Math.Pow(gamma, Schedule.Step(step) / stepSize);
}

/// <summary>MultiStepLR: η(t) = η₀ · γ^(number of milestones ≤ t).</summary>
public sealed class MultiStepDecay : ISchedule
{
    private readonly int[] milestones;
    private readonly double gamma;

    /// <summary>PyTorch's MultiStepLR.</summary>
    /// <param name="milestones">The steps at which η is multiplied by γ: each ≥ 0, strictly increasing.</param>
    /// <param name="gamma">γ &gt; 0.</param>
    public MultiStepDecay(IReadOnlyList<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        this.gamma = Require.Positive(gamma);
        this.milestones = milestones.ToArray();
        for (int i = 0; i < this.milestones.Length; i++)
            if (this.milestones[i] < 0 || (i > 0 && this.milestones[i] <= this.milestones[i - 1]))
                throw new ArgumentException(
                    $"milestones = [{string.Join(", ", this.milestones)}] is out of range: the valid range is " +
                    "whole numbers ≥ 0, strictly increasing.", nameof(milestones));
    }

    /// <inheritdoc />
    public string Name => $"multi-step ×{Schedule.G(gamma)} at {string.Join(", ", milestones)}";

    /// <inheritdoc />
    public double At(int step, double baseRate)
    {
        int t = Schedule.Step(step);
        return Schedule.Base(baseRate) * Math.Pow(gamma, milestones.Count(m => m <= t));
    }
}

/// <summary>ExponentialLR: η(t) = η₀ · γᵗ.</summary>
public sealed class ExponentialDecay : ISchedule
{
    private readonly double gamma;

    /// <summary>PyTorch's ExponentialLR.</summary>
    /// <param name="gamma">γ &gt; 0, the factor per step (γ &gt; 1 grows η, as the LR range test does).</param>
    public ExponentialDecay(double gamma) => this.gamma = Require.Positive(gamma);

    /// <inheritdoc />
    public string Name => $"exponential ×{Schedule.G(gamma)}";

    /// <inheritdoc />
    public double At(int step, double baseRate) => Schedule.Base(baseRate) * Math.Pow(gamma, Schedule.Step(step));
}

/// <summary>
/// PolynomialLR: η(t) = η₀ · (1 − min(t, T)/T)^power. It reaches exactly 0 at t = T (for power &gt; 0)
/// and stays there: η = 0 is a valid rate, the parameters simply stop moving.
/// </summary>
public sealed class PolynomialDecay : ISchedule
{
    private readonly int total;
    private readonly double power;

    /// <summary>PyTorch's PolynomialLR.</summary>
    /// <param name="totalSteps">T ≥ 1, the step at which η reaches 0.</param>
    /// <param name="power">The exponent, ≥ 0 (1: linear decay).</param>
    public PolynomialDecay(int totalSteps, double power = 1.0)
    {
        total = Require.AtLeast(totalSteps, 1);
        this.power = Require.NonNegative(power);
    }

    /// <inheritdoc />
    public string Name => $"polynomial^{Schedule.G(power)} over {total}";

    /// <inheritdoc />
    public double At(int step, double baseRate) =>
        Schedule.Base(baseRate) * Math.Pow(1.0 - Math.Min(Schedule.Step(step), total) / (double)total, power);
}

/// <summary>
/// LinearLR, the usual warm-up: η(t) = η₀ · (s + (e − s)·min(t, T)/T), from factor s to factor e over T steps.
/// </summary>
public sealed class LinearWarmup : ISchedule
{
    private readonly int total;
    private readonly double start;
    private readonly double end;

    /// <summary>PyTorch's LinearLR.</summary>
    /// <param name="totalSteps">T ≥ 1.</param>
    /// <param name="startFactor">s in (0, 1].</param>
    /// <param name="endFactor">e in [0, 1].</param>
    public LinearWarmup(int totalSteps, double startFactor = 1.0 / 3, double endFactor = 1.0)
    {
        total = Require.AtLeast(totalSteps, 1);
        start = startFactor > 0 && startFactor <= 1 ? startFactor
            : throw Require.OutOfRange(nameof(startFactor), startFactor, "(0, 1]");
        end = Require.ClosedUnitInterval(endFactor);
    }

    /// <inheritdoc />
    public string Name => $"linear warm-up over {total}";

    /// <inheritdoc />
    public double At(int step, double baseRate) =>
        Schedule.Base(baseRate) * (start + (end - start) * Math.Min(Schedule.Step(step), total) / total);
}

/// <summary>
/// LambdaLR: η(t) = η₀ · f(t) for any factor function f, e.g. <c>t =&gt; 1.0 / (1 + 0.1 * t)</c>.
/// The runner checks every step's rate before the first step: f must give finite values ≥ 0.
/// </summary>
public sealed class LambdaRate : ISchedule
{
    private readonly Func<int, double> factor;

    /// <summary>PyTorch's LambdaLR.</summary>
    /// <param name="factor">f(t), the multiplier of η₀ at step t.</param>
    /// <param name="name">The legend text.</param>
    public LambdaRate(Func<int, double> factor, string name = "lambda")
    {
        this.factor = factor ?? throw new ArgumentNullException(nameof(factor));
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public double At(int step, double baseRate) => Schedule.Base(baseRate) * factor(Schedule.Step(step));
}
