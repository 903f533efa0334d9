using Descent.Optimizers;

namespace Descent.Schedules;

/// <summary>
/// ReduceLROnPlateau (mode "min", relative threshold): the one schedule that is not a function of
/// the step but of the loss. After <c>patience</c> steps without a relative improvement of
/// <c>threshold</c>, the rate is multiplied by <c>factor</c> (never below <c>minLearningRate</c>).
/// </summary>
public sealed class ReduceOnPlateau
{
    private double best = double.PositiveInfinity;
    private int badSteps;
    private int cooldownLeft;

    /// <summary>PyTorch's defaults except the base rate.</summary>
    public ReduceOnPlateau(double baseLearningRate, double factor = 0.1, int patience = 10, double threshold = 1e-4,
        int cooldown = 0, double minLearningRate = 0)
    {
        LearningRate = Require.Positive(baseLearningRate);
        Factor = factor > 0 && factor < 1 ? factor : throw Require.OutOfRange(nameof(factor), factor, "(0, 1)");
        Patience = Require.AtLeast(patience, 0);
        Threshold = Require.NonNegative(threshold);
        Cooldown = Require.AtLeast(cooldown, 0);
        MinLearningRate = Require.NonNegative(minLearningRate);
    }

    /// <summary>The current rate.</summary>
    public double LearningRate { get; private set; }

    /// <summary>Multiplier at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Steps without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement that counts.</summary>
    public double Threshold { get; }

    /// <summary>Steps to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound.</summary>
    public double MinLearningRate { get; }

    /// <summary>Reports the loss after a step; returns the rate for the next step.</summary>
    public double Step(double loss)
    {
        if (loss < best * (1 - Threshold)) { best = loss; badSteps = 0; }
        else badSteps++;
        if (cooldownLeft > 0) { cooldownLeft--; badSteps = 0; }
        if (badSteps > Patience)
        {
            double reduced = Math.Max(LearningRate * Factor, MinLearningRate);
            if (LearningRate - reduced > 1e-8) LearningRate = reduced;
            cooldownLeft = Cooldown;
            badSteps = 0;
        }
        return LearningRate;
    }

    /// <summary>Reports the loss and sets the optimizer's rate for its next step.</summary>
    public void Step(double loss, IOptimizer optimizer) => optimizer.LearningRate = Step(loss);
}
