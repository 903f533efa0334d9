using System.Globalization;
using Descent.Optimizers;

namespace Descent.Schedules;

/// <summary>
/// The one place where a run applies a schedule, shared by every runner (descent, trainer, LR finder,
/// sweeps). <see cref="Start"/> reads the optimizer's base rate η₀ (and momentum) once and checks every
/// step's rate before step 1, so a schedule that would give ∞, NaN or a negative η fails with the step
/// and the value instead of wrecking the run halfway; <see cref="Apply"/> sets the rate (and the
/// momentum, for schedules that cycle it) before each step; <see cref="Restore"/> puts η₀ and the
/// momentum back, so the optimizer still shows η₀ after the run.
/// </summary>
internal sealed class ScheduleDriver
{
    private readonly IOptimizer optimizer;
    private readonly ISchedule? schedule;
    private readonly IHasMomentum? momentum;
    private readonly double baseMomentum;

    private readonly ScheduleDriver[] groups = [];

    private ScheduleDriver(IOptimizer optimizer, ISchedule? schedule, IHasMomentum? momentum)
    {
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.momentum = momentum;
        BaseRate = optimizer.LearningRate;
        Current = BaseRate;
        if (momentum is not null) baseMomentum = momentum.MomentumCoefficient;
    }

    // Parameter groups: one driver per group, each from its own base rate (PyTorch's per-group initial_lr).
    private ScheduleDriver(ParameterGroups optimizer, ISchedule schedule, ScheduleDriver[] groups)
        : this((IOptimizer)optimizer, schedule, (IHasMomentum?)null) => this.groups = groups;

    /// <summary>η₀, the optimizer's rate when the run started.</summary>
    public double BaseRate { get; }

    /// <summary>The rate set for the current step.</summary>
    public double Current { get; private set; }

    /// <summary>Reads η₀ and checks the schedule's rate (and momentum) for steps 0 … steps − 1.</summary>
    public static ScheduleDriver Start(IOptimizer optimizer, ISchedule? schedule, int steps)
    {
        if (schedule is null) return new ScheduleDriver(optimizer, null, null);
        if (optimizer is ParameterGroups parameterGroups)
            return new ScheduleDriver(parameterGroups, schedule, parameterGroups.Groups
                .Select((g, k) => StartOne(g.Optimizer, schedule, steps, $"group {k} ({g.Optimizer.Name}): ")).ToArray());
        return StartOne(optimizer, schedule, steps, "");
    }

    private static ScheduleDriver StartOne(IOptimizer optimizer, ISchedule schedule, int steps, string group)
    {
        double baseRate = optimizer.LearningRate;
        double baseMomentum = optimizer is IHasMomentum m ? m.MomentumCoefficient : 0;
        bool cycles = false;
        for (int t = 0; t < steps; t++)
        {
            double rate;
            double? mu;
            try
            {
                rate = schedule.At(t, baseRate);
                mu = schedule.MomentumAt(t, baseMomentum);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"{group}the schedule '{schedule.Name}' cannot give the rate of step {t + 1} of this {steps}-step run " +
                    $"(base η = {Show(baseRate)}): {e.Message}", nameof(schedule), e);
            }
            if (!double.IsFinite(rate) || rate < 0)
                throw new ArgumentException(
                    $"{group}the schedule '{schedule.Name}' gives η = {Show(rate)} at step {t + 1} " +
                    $"(base η = {Show(baseRate)}): " +
                    "every step's rate must be finite and ≥ 0. Check its factors (a γ above 1 grows η at every " +
                    "decay) or shorten the run.", nameof(schedule));
            cycles |= mu is not null;
        }
        if (cycles && optimizer is not IHasMomentum)
            throw new ArgumentException(
                $"{group}the schedule '{schedule.Name}' cycles the momentum, but {optimizer.Name} has none to cycle " +
                $"(it does not implement {nameof(IHasMomentum)}): use an optimizer with a momentum (SGD, RMSProp, " +
                "Adam) or turn the cycling off (OneCycle's cycleMomentum: false).", nameof(schedule));
        return new ScheduleDriver(optimizer, schedule, cycles ? (IHasMomentum)optimizer : null);
    }

    /// <summary>Sets the optimizer's rate (and momentum) for step t (0-based) and returns the rate.</summary>
    public double Apply(int step)
    {
        if (schedule is null) return Current;
        if (groups.Length > 0)
        {
            foreach (var group in groups) group.Apply(step);
            return Current = groups[0].Current;
        }
        Current = schedule.At(step, BaseRate);
        optimizer.LearningRate = Current;
        if (momentum is not null && schedule.MomentumAt(step, baseMomentum) is { } mu)
            momentum.MomentumCoefficient = mu;
        return Current;
    }

    /// <summary>After a callback: the rate must still be the one this driver set.</summary>
    public void EnsureUntouched(int step, string callback)
    {
        if (groups.Length > 0)
        {
            foreach (var group in groups) group.EnsureUntouched(step, callback);
            return;
        }
        if (optimizer.LearningRate.Equals(Current)) return;
        double changed = optimizer.LearningRate;
        optimizer.LearningRate = Current;
        throw new InvalidOperationException(
            $"{callback} changed the optimizer's LearningRate from {Show(Current)} to {Show(changed)} " +
            $"after step {step}: " +
            $"{callback} is for reading the run. To change η during a run, pass a schedule instead " +
            "(e.g. schedule: new StepDecay(10, 0.5)); the optimizer's LearningRate is the base rate η₀.");
    }

    /// <summary>Puts η₀ (and the momentum) back: after a run the optimizer shows its base values again.</summary>
    public void Restore()
    {
        if (schedule is null) return;
        if (groups.Length > 0)
        {
            foreach (var group in groups) group.Restore();
            return;
        }
        optimizer.LearningRate = BaseRate;
        if (momentum is not null) momentum.MomentumCoefficient = baseMomentum;
    }

    /// <summary>A number for a message: ∞, −∞, NaN or 6 significant digits.</summary>
    internal static string Show(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "−∞"
        : value.ToString("G6", CultureInfo.InvariantCulture);
}
