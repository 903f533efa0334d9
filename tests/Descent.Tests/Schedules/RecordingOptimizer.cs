using Descent.Optimizers;

namespace Descent.Tests.Schedules;

/// <summary>
/// A test double: plain gradient descent θ ← θ − ηg that records the η and μ of every step, with a
/// momentum coefficient a schedule may cycle (it does not use it). It accepts η = 0, as PyTorch does.
/// </summary>
internal sealed class RecordingOptimizer(double learningRate, double momentum = 0.9) : IOptimizer, IHasMomentum
{
    private double rate = learningRate;
    private double mu = momentum;

    public string Name => "recorder";

    public double LearningRate
    {
        get => rate;
        set => rate = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public double MomentumCoefficient
    {
        get => mu;
        set => mu = value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public int StepCount { get; private set; }

    public List<double> Rates { get; } = [];

    public List<double> Momenta { get; } = [];

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        Rates.Add(rate);
        Momenta.Add(mu);
        for (int i = 0; i < parameters.Length; i++) parameters[i] -= rate * gradient[i];
        StepCount++;
    }

    public void Reset()
    {
        StepCount = 0;
        Rates.Clear();
        Momenta.Clear();
    }
}
