using Descent.Optimizers;

namespace Descent.Schedules;

/// <summary>
/// ReduceLROnPlateau (mode "min", relative threshold): the one schedule that is not a function of
/// the step but of the loss, so it is not an <see cref="ISchedule"/>: you call it yourself after each
/// step (or epoch) with the loss, as in PyTorch. After <c>patience</c> steps without a relative
/// improvement of <c>threshold</c>, it multiplies the optimizer's current rate by <c>factor</c>, never
/// below the absolute <c>minLearningRate</c> (a cut smaller than 1e-8 is skipped, as PyTorch does).
/// Like PyTorch's it holds no rate of its own: it reads the optimizer's and writes the reduced one back.
/// </summary>
public sealed class ReduceOnPlateau
{
    /// <summary>PyTorch's <c>eps</c>: a reduction smaller than this is not applied.</summary>
    private const double MinimalCut = 1e-8;

    private double best = double.PositiveInfinity;
    private int badSteps;
    private int cooldownLeft;

    /// <summary>PyTorch's defaults.</summary>
    /// <param name="factor">The multiplier at each reduction, in (0, 1).</param>
    /// <param name="patience">Steps without improvement tolerated, ≥ 0.</param>
    /// <param name="threshold">The relative improvement that counts, ≥ 0.</param>
    /// <param name="cooldown">Steps to wait after a reduction before counting again, ≥ 0.</param>
    /// <param name="minLearningRate">The absolute lower bound of the rate, ≥ 0.</param>
    public ReduceOnPlateau(double factor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0,
        double minLearningRate = 0)
    {
        Factor = factor > 0 && factor < 1 ? factor : throw Require.OutOfRange(nameof(factor), factor, "(0, 1)");
        Patience = Require.AtLeast(patience, 0);
        Threshold = Require.NonNegative(threshold);
        Cooldown = Require.AtLeast(cooldown, 0);
        MinLearningRate = Require.NonNegative(minLearningRate);
    }

    /// <summary>A short description for legends.</summary>
    public string Name => $"reduce ×{Schedule.G(Factor)} on plateau (patience {Patience})";

    /// <summary>Multiplier at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Steps without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement that counts.</summary>
    public double Threshold { get; }

    /// <summary>Steps to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound of the rate (absolute, as PyTorch's min_lr).</summary>
    public double MinLearningRate { get; }

    /// <summary>How many times the rate has been cut so far.</summary>
    public int Reductions { get; private set; }

    /// <summary>
    /// Reports the loss after a step run at <paramref name="learningRate"/>; returns the rate for the next step.
    /// A NaN or infinite loss is refused: it is a divergence to report, not a plateau to cut the rate for.
    /// </summary>
    public double Step(double loss, double learningRate)
    {
        if (!double.IsFinite(loss))
            throw Require.OutOfRange(nameof(loss), loss,
                "(−∞, ∞): a finite number (a NaN or infinite loss means the run diverged; a plateau cannot cure that)");
        if (!(double.IsFinite(learningRate) && learningRate >= 0))
            throw Require.OutOfRange(nameof(learningRate), learningRate, "[0, ∞): a finite number ≥ 0");

        if (loss < best * (1 - Threshold)) { best = loss; badSteps = 0; }
        else badSteps++;
        if (cooldownLeft > 0) { cooldownLeft--; badSteps = 0; }
        if (badSteps <= Patience) return learningRate;

        cooldownLeft = Cooldown;
        badSteps = 0;
        double reduced = Math.Max(learningRate * Factor, MinLearningRate);
        if (learningRate - reduced <= MinimalCut) return learningRate;
        Reductions++;
        return reduced;
    }

    /// <summary>
    /// Reports the loss and sets the optimizer's rate for its next step (PyTorch's <c>scheduler.step(loss)</c>).
    /// </summary>
    public void Step(double loss, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = Step(loss, optimizer.LearningRate);
    }

    /// <summary>Forgets the best loss and the counters, for a new run.</summary>
    public void Reset()
    {
        best = double.PositiveInfinity;
        badSteps = cooldownLeft = Reductions = 0;
    }
}
