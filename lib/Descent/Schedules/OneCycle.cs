namespace Descent.Schedules;

/// <summary>How <see cref="OneCycle"/> moves between two values within a phase (PyTorch's anneal_strategy).</summary>
public enum Anneal
{
    /// <summary>'cos': end + (start − end)/2 · (cos(π·pct) + 1), flat at both ends.</summary>
    Cos,

    /// <summary>'linear': (end − start)·pct + start.</summary>
    Linear,
}

/// <summary>
/// OneCycleLR. The optimizer's learning rate IS max_lr: the run starts at max_lr/divFactor
/// (PyTorch's initial_lr), climbs to max_lr over the first pctStart of the run, then falls to
/// initial_lr/finalDivFactor (min_lr). With <c>threePhase</c> the second phase comes back down to
/// initial_lr symmetrically and a third phase goes on to min_lr. With <c>cycleMomentum</c> (the
/// default, as in PyTorch) the momentum moves the other way, from maxMomentum down to baseMomentum
/// while η climbs and back up while it falls; it needs an optimizer with a momentum
/// (<see cref="Descent.Optimizers.IHasMomentum"/>: SGD's μ, RMSProp's μ, Adam's β₁), and like PyTorch it
/// replaces that optimizer's own momentum for the run. The arithmetic is PyTorch's, step for step:
/// phase ends at step pct·T − 1 (, 2·pct·T − 2) and T − 1, and within a phase
/// pct = (t − phase start)/(phase end − phase start).
/// </summary>
public sealed class OneCycle : ISchedule
{
    private readonly int total;
    private readonly double pctStart;
    private readonly Anneal anneal;
    private readonly bool cycleMomentum;
    private readonly double baseMomentum;
    private readonly double maxMomentum;
    private readonly double divFactor;
    private readonly double finalDivFactor;
    private readonly bool threePhase;

    /// <summary>PyTorch's OneCycleLR; max_lr is the optimizer's learning rate.</summary>
    /// <param name="totalSteps">T ≥ 2, the length of the run; the schedule is defined for steps 0 … T − 1.</param>
    /// <param name="pctStart">The share of the run spent climbing, in (0, 1), with pctStart·T &gt; 1.</param>
    /// <param name="anneal">Cosine (default) or linear moves within each phase.</param>
    /// <param name="cycleMomentum">Cycle the momentum inversely to η (PyTorch's default: true).</param>
    /// <param name="baseMomentum">The momentum at the peak of η, in [0, 1).</param>
    /// <param name="maxMomentum">The momentum at the start and the end, in [0, 1).</param>
    /// <param name="divFactor">initial_lr = max_lr / divFactor, divFactor &gt; 0.</param>
    /// <param name="finalDivFactor">min_lr = initial_lr / finalDivFactor, finalDivFactor &gt; 0.</param>
    /// <param name="threePhase">Down to initial_lr symmetrically, then a third phase to min_lr.</param>
    public OneCycle(int totalSteps, double pctStart = 0.3, Anneal anneal = Anneal.Cos, bool cycleMomentum = true,
        double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4,
        bool threePhase = false)
    {
        total = Require.AtLeast(totalSteps, 2);
        if (!(pctStart > 0 && pctStart < 1)) throw Require.OutOfRange(nameof(pctStart), pctStart, "(0, 1)");
        // pctStart·T = 1 makes PyTorch divide 0 by 0 at the first step; below 1 there is no climb at all.
        if (!(pctStart * total > 1))
            throw Require.OutOfRange(nameof(pctStart), pctStart,
                $"({Require.Show(1.0 / total)}, 1) for totalSteps = {total}: pctStart·totalSteps must exceed 1 " +
                "so that the climb lasts at least one step");
        this.pctStart = pctStart;
        this.anneal = Enum.IsDefined(anneal) ? anneal
            : throw new ArgumentOutOfRangeException(nameof(anneal), anneal,
                $"anneal = {(int)anneal} is out of range: the valid values are Anneal.Cos and Anneal.Linear.");
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = Require.UnitInterval(baseMomentum);
        this.maxMomentum = Require.UnitInterval(maxMomentum);
        this.divFactor = Require.Positive(divFactor);
        this.finalDivFactor = Require.Positive(finalDivFactor);
        this.threePhase = threePhase;
    }

    /// <inheritdoc />
    public string Name => $"one-cycle over {total}" + (anneal == Anneal.Linear ? " linear" : "")
        + (threePhase ? " three-phase" : "");

    /// <inheritdoc />
    public double At(int step, double baseRate)
    {
        double maxLr = Schedule.Base(baseRate), initialLr = maxLr / divFactor, minLr = initialLr / finalDivFactor;
        var (phase, pct) = Locate(step);
        return threePhase
            ? phase switch
            {
                0 => Move(initialLr, maxLr, pct),
                1 => Move(maxLr, initialLr, pct),
                _ => Move(initialLr, minLr, pct),
            }
            : phase == 0 ? Move(initialLr, maxLr, pct) : Move(maxLr, minLr, pct);
    }

    /// <inheritdoc />
    public double? MomentumAt(int step, double baseMomentum)
    {
        if (!cycleMomentum) return null;
        var (phase, pct) = Locate(step);
        return threePhase
            ? phase switch
            {
                0 => Move(maxMomentum, this.baseMomentum, pct),
                1 => Move(this.baseMomentum, maxMomentum, pct),
                _ => Move(maxMomentum, maxMomentum, pct),
            }
            : phase == 0 ? Move(maxMomentum, this.baseMomentum, pct) : Move(this.baseMomentum, maxMomentum, pct);
    }

    /// <summary>Which phase step t is in and how far through it: PyTorch's get_lr loop, verbatim.</summary>
    private (int Phase, double Pct) Locate(int step)
    {
        int t = Schedule.Step(step);
        if (t >= total)
            throw new ArgumentOutOfRangeException(nameof(step), step,
                $"step = {step} is out of range: the valid range is [0, {total - 1}], the steps the schedule '{Name}' covers " +
                $"(totalSteps = {total}); make totalSteps the length of the run.");
        int phases = threePhase ? 3 : 2;
        double start = 0;
        for (int i = 0; ; i++)
        {
            double end = i == phases - 1 ? total - 1 : i == 0 ? pctStart * total - 1 : 2 * pctStart * total - 2;
            if (t <= end || i == phases - 1) return (i, (t - start) / (end - start));
            start = end;
        }
    }

    private double Move(double from, double to, double pct) => anneal == Anneal.Cos
        ? to + (from - to) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (to - from) * pct + from;
}
