namespace Descent.Schedules;

/// <summary>
/// CosineAnnealingLR (closed form): η(t) = η_min + (η₀ − η_min)(1 + cos(πt/T))/2. It reaches η_min
/// (exactly 0 by default) at t = T; past T it climbs again along the same cosine, as PyTorch's does.
/// η_min is absolute, as in PyTorch, and must not exceed η₀ (checked when a run starts).
/// </summary>
public sealed class CosineAnnealing : ISchedule
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>PyTorch's CosineAnnealingLR.</summary>
    /// <param name="tMax">T ≥ 1, the half period.</param>
    /// <param name="etaMin">η_min ≥ 0, absolute, at most the optimizer's base rate.</param>
    public CosineAnnealing(int tMax, double etaMin = 0)
    {
        this.tMax = Require.AtLeast(tMax, 1);
        this.etaMin = Require.NonNegative(etaMin);
    }

    /// <inheritdoc />
    public string Name => $"cosine T={tMax}";

    /// <inheritdoc />
    public double At(int step, double baseRate)
    {
        int t = Schedule.Step(step);
        Schedule.NotAboveBase(etaMin, nameof(etaMin), Schedule.Base(baseRate), Name);
        return etaMin + (baseRate - etaMin) * (1 + Math.Cos(Math.PI * t / tMax)) / 2;
    }
}

/// <summary>
/// CosineAnnealingWarmRestarts (SGDR): cosine from η₀ down to η_min over Tᵢ steps, then a restart;
/// the cycles grow by T_mult: T₀, T₀·T_mult, T₀·T_mult², …
/// </summary>
public sealed class CosineWarmRestarts : ISchedule
{
    private readonly int t0;
    private readonly int tMult;
    private readonly double etaMin;

    /// <summary>PyTorch's CosineAnnealingWarmRestarts.</summary>
    /// <param name="t0">T₀ ≥ 1, the first cycle's length.</param>
    /// <param name="tMult">T_mult ≥ 1, the growth of each cycle.</param>
    /// <param name="etaMin">η_min ≥ 0, absolute, at most the optimizer's base rate.</param>
    public CosineWarmRestarts(int t0, int tMult = 1, double etaMin = 0)
    {
        this.t0 = Require.AtLeast(t0, 1);
        this.tMult = Require.AtLeast(tMult, 1);
        this.etaMin = Require.NonNegative(etaMin);
    }

    /// <inheritdoc />
    public string Name => $"cosine restarts T₀={t0}" + (tMult > 1 ? $" ×{tMult}" : "");

    /// <inheritdoc />
    public double At(int step, double baseRate)
    {
        int t = Schedule.Step(step);
        Schedule.NotAboveBase(etaMin, nameof(etaMin), Schedule.Base(baseRate), Name);
        long cycleStart = 0, cycleLength = t0;
        if (tMult == 1) cycleStart = t - t % t0; // equal cycles: no walk, so a long run costs O(1) per step
        // Unequal cycles: walk them with exact integers as PyTorch's step() does (T_cur −= T_i; T_i *= T_mult).
        while (t >= cycleStart + cycleLength)
        {
            cycleStart += cycleLength;
            cycleLength *= tMult;
        }
        double tCur = t - cycleStart;
        return etaMin + (baseRate - etaMin) * (1 + Math.Cos(Math.PI * tCur / cycleLength)) / 2;
    }
}
