namespace Descent.Schedules;

/// <summary>CosineAnnealingLR (closed form): η(t) = η_min + (η₀ − η_min)(1 + cos(πt/T))/2.</summary>
public sealed class CosineAnnealing(double baseLearningRate, int tMax, double etaMin = 0) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly int tMax = Require.AtLeast(tMax, 1);
    private readonly double etaMin = Require.NonNegative(etaMin);

    /// <inheritdoc />
    public string Name => $"cosine T={tMax}";

    /// <inheritdoc />
    public double At(int step) => etaMin + (baseRate - etaMin) * (1 + Math.Cos(Math.PI * Schedule.Step(step) / tMax)) / 2;
}

/// <summary>
/// CosineAnnealingWarmRestarts (SGDR): cosine from η₀ down to η_min over Tᵢ steps, then a restart;
/// the cycles grow by T_mult: T₀, T₀·T_mult, T₀·T_mult², …
/// </summary>
public sealed class CosineWarmRestarts(double baseLearningRate, int t0, int tMult = 1, double etaMin = 0) : ISchedule
{
    private readonly double baseRate = Require.Positive(baseLearningRate, nameof(baseLearningRate));
    private readonly int t0 = Require.AtLeast(t0, 1);
    private readonly int tMult = Require.AtLeast(tMult, 1);
    private readonly double etaMin = Require.NonNegative(etaMin);

    /// <inheritdoc />
    public string Name => $"cosine restarts T₀={t0}" + (tMult > 1 ? $" ×{tMult}" : "");

    /// <inheritdoc />
    public double At(int step)
    {
        int t = Schedule.Step(step);
        long cycleStart = 0, cycleLength = t0;
        while (t >= cycleStart + cycleLength) // walk the cycles: exact integers, no logarithms
        {
            cycleStart += cycleLength;
            cycleLength *= tMult;
        }
        double tCur = t - cycleStart;
        return etaMin + (baseRate - etaMin) * (1 + Math.Cos(Math.PI * tCur / cycleLength)) / 2;
    }
}

/// <summary>
/// OneCycleLR (cosine annealing, two phases): from maxLr/divFactor up to maxLr over the first
/// pctStart of the run, then down to maxLr/(divFactor·finalDivFactor). The momentum cycling PyTorch
/// also does is left out: this schedules the learning rate only.
/// </summary>
public sealed class OneCycle(double maxLearningRate, int totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4) : ISchedule
{
    private readonly double maxRate = Require.Positive(maxLearningRate, nameof(maxLearningRate));
    private readonly int total = Require.AtLeast(totalSteps, 2);
    private readonly double pct = pctStart > 0 && pctStart < 1 ? pctStart
        : throw Require.OutOfRange(nameof(pctStart), pctStart, "(0, 1)");
    private readonly double div = Require.Positive(divFactor);
    private readonly double finalDiv = Require.Positive(finalDivFactor);

    /// <inheritdoc />
    public string Name => $"one-cycle max {maxRate:G3}";

    /// <inheritdoc />
    public double At(int step)
    {
        int t = Schedule.Step(step);
        double initial = maxRate / div, final = initial / finalDiv;
        double warmEnd = pct * total - 1, end = total - 1;
        return t <= warmEnd
            ? Anneal(initial, maxRate, t / warmEnd)
            : Anneal(maxRate, final, (t - warmEnd) / (end - warmEnd));
    }

    private static double Anneal(double from, double to, double fraction) => to + (from - to) / 2 * (Math.Cos(Math.PI * fraction) + 1);
}
