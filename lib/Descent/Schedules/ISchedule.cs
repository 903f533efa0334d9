using System.Globalization;

namespace Descent.Schedules;

/// <summary>
/// A learning-rate schedule as a pure function of the step and the optimizer's base rate η₀:
/// <c>At(t, η₀)</c> is the rate the optimizer uses for step t (t = 0 for the first step), exactly what
/// PyTorch's scheduler gives when <c>scheduler.step()</c> follows every <c>optimizer.step()</c>
/// (PyTorch's "epoch" is our step). A schedule never holds a base rate of its own: like PyTorch's
/// schedulers, which read <c>initial_lr</c> from the optimizer, it scales the optimizer's η₀, so η is
/// written once, on the optimizer. The runners (<see cref="Descend"/>, <c>Trainer</c>,
/// <c>LearningRateFinder</c>, <see cref="Sweep"/>) read η₀ when a run starts, set the rate of every
/// step from the schedule and put η₀ back when the run ends.
/// </summary>
public interface ISchedule
{
    /// <summary>A short description for legends, e.g. "cosine T=40".</summary>
    string Name { get; }

    /// <summary>
    /// η for step t ≥ 0 (t = 0 is the first step) when the optimizer's base rate is <paramref name="baseRate"/>.
    /// </summary>
    double At(int step, double baseRate);

    /// <summary>
    /// μ (or Adam's β₁) for step t, for schedules that cycle the momentum (OneCycle); null: leave it alone.
    /// <paramref name="baseMomentum"/> is the optimizer's own coefficient when the run started.
    /// </summary>
    double? MomentumAt(int step, double baseMomentum) => null;
}

/// <summary>Helpers shared by every schedule.</summary>
public static class Schedule
{
    /// <summary>
    /// Runs <paramref name="first"/> for the first <paramref name="at"/> steps, then
    /// <paramref name="second"/> from its own step 0 (PyTorch's SequentialLR), e.g. warm-up then cosine.
    /// </summary>
    public static ISchedule Then(this ISchedule first, ISchedule second, int at) => new Sequential(first, second, at);

    /// <summary>The rates of steps 0 … count − 1 for base rate <paramref name="baseRate"/>.</summary>
    public static double[] Rates(this ISchedule schedule, int count, double baseRate)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Require.Between(count, 0, Descend.MaxSteps);
        Require.NonNegative(baseRate);
        var rates = Enumerable.Range(0, count).Select(t => schedule.At(t, baseRate)).ToArray();
        // The same rule the runners apply before a run: a chart of the rates must not show ∞ silently.
        for (int t = 0; t < rates.Length; t++)
            if (!double.IsFinite(rates[t]) || rates[t] < 0)
                throw new ArgumentException(
                    $"the schedule '{schedule.Name}' gives η = {ScheduleDriver.Show(rates[t])} at step {t + 1} " +
                    $"(base η = {ScheduleDriver.Show(baseRate)}): every step's rate must be finite and ≥ 0.",
                    nameof(schedule));
        return rates;
    }

    /// <summary>
    /// The momentum of steps 0 … count − 1 (μ or β₁) when the optimizer's own is <paramref name="baseMomentum"/>;
    /// null for a schedule that leaves the momentum alone.
    /// </summary>
    public static double[]? Momenta(this ISchedule schedule, int count, double baseMomentum)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Require.Between(count, 0, Descend.MaxSteps);
        if (count == 0 || schedule.MomentumAt(0, baseMomentum) is null) return null;
        return Enumerable.Range(0, count).Select(t => schedule.MomentumAt(t, baseMomentum) ?? baseMomentum).ToArray();
    }

    /// <summary>Checks a step index: t ≥ 0.</summary>
    internal static int Step(int step) => step >= 0 ? step
        : throw new ArgumentOutOfRangeException(nameof(step), step,
            $"step = {step} is out of range: the valid range is [0, ∞).");

    /// <summary>Checks a base rate: finite and ≥ 0 (η = 0 is a valid rate, as in PyTorch).</summary>
    internal static double Base(double baseRate) => double.IsFinite(baseRate) && baseRate >= 0 ? baseRate
        : throw Require.OutOfRange(nameof(baseRate), baseRate, "[0, ∞): a finite number ≥ 0");

    /// <summary>A schedule parameter that is absolute (η_min) must not exceed the base rate it anneals from.</summary>
    internal static void NotAboveBase(double value, string name, double baseRate, string schedule)
    {
        if (value > baseRate)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {Require.Show(value)} is out of range for the schedule '{schedule}': the valid range is " +
                $"[0, {Require.Show(baseRate)}], at most the optimizer's base rate η₀ = {Require.Show(baseRate)} (baseRate).");
    }

    /// <summary>Invariant formatting for names: 0.5, 1E-05.</summary>
    internal static string G(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private sealed class Sequential : ISchedule
    {
        private readonly ISchedule first, second;
        private readonly int at;

        public Sequential(ISchedule first, ISchedule second, int at)
        {
            this.first = first ?? throw new ArgumentNullException(nameof(first));
            this.second = second ?? throw new ArgumentNullException(nameof(second));
            this.at = Require.AtLeast(at, 0);
        }

        public string Name => $"{first.Name}, then {second.Name} from step {at}";

        public double At(int step, double baseRate) =>
            Step(step) < at ? first.At(step, baseRate) : second.At(step - at, baseRate);

        public double? MomentumAt(int step, double baseMomentum) =>
            Step(step) < at ? first.MomentumAt(step, baseMomentum) : second.MomentumAt(step - at, baseMomentum);
    }
}
