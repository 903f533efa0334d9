namespace Descent.Optimizers;

/// <summary>
/// The chapter's heavy-ball optimizer: SGD with momentum μ (0.9 by default) and nothing else.
/// <code>
/// b ← μb + g      (b ← g at t = 1)
/// θ ← θ − γb
/// </code>
/// It is <see cref="Sgd"/> with that momentum, so it gives the same numbers to the last bit;
/// it exists to give the idea its own name in code and charts.
/// </summary>
public sealed class Momentum : Sgd
{
    /// <summary>Creates heavy-ball momentum.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="momentum">μ ≥ 0.</param>
    public Momentum(double learningRate, double momentum = 0.9) : base(learningRate, momentum) { }

    /// <inheritdoc />
    public override string Name => "Momentum";
}
