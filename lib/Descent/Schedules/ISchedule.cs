using Descent.Optimizers;

namespace Descent.Schedules;

/// <summary>
/// A learning-rate schedule as a pure function of the step: <c>At(t)</c> is the rate the optimizer
/// uses for step t (t = 0 for the first step), exactly what PyTorch's scheduler gives when
/// <c>scheduler.step()</c> follows every <c>optimizer.step()</c> (PyTorch's "epoch" is our step).
/// </summary>
public interface ISchedule
{
    /// <summary>A short description for legends, e.g. "cosine T=40".</summary>
    string Name { get; }

    /// <summary>η at step t ≥ 0.</summary>
    double At(int step);
}

/// <summary>Helpers shared by every schedule.</summary>
public static class Schedule
{
    /// <summary>Sets the optimizer's rate for step t: call before <c>optimizer.Step</c>.</summary>
    public static void Apply(this ISchedule schedule, IOptimizer optimizer, int step) => optimizer.LearningRate = schedule.At(step);

    /// <summary>
    /// Runs <paramref name="first"/> for the first <paramref name="at"/> steps, then
    /// <paramref name="second"/> from its own step 0 (PyTorch's SequentialLR), e.g. warm-up then cosine.
    /// </summary>
    public static ISchedule Then(this ISchedule first, ISchedule second, int at) => new Sequential(first, second, at);

    /// <summary>The rates of steps 0 … count − 1.</summary>
    public static double[] Rates(this ISchedule schedule, int count) => Enumerable.Range(0, count).Select(schedule.At).ToArray();

    internal static int Step(int step) => step >= 0 ? step : throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step} is out of range: the valid range is [0, ∞).");

    private sealed class Sequential(ISchedule first, ISchedule second, int at) : ISchedule
    {
        private readonly int at = Require.AtLeast(at, 0);

        public string Name => $"{first.Name}, then {second.Name} from step {at}";

        public double At(int step) => Step(step) < at ? first.At(step) : second.At(step - at);
    }
}
