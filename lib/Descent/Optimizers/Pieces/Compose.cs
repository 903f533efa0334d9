namespace Descent.Optimizers.Pieces;

/// <summary>
/// The chapters' optimizers written as chains of pieces, to read side by side. Each computes what the
/// fused class of the same name computes (tested to 1e-12 over hundreds of steps); the fused classes
/// are faster and have every option, these show what the algorithm is made of:
/// <code>
/// Momentum = chain(trace(μ),                       scale_by_learning_rate(η))
/// RMSProp  = chain(         scale_by_rms(α, ε),    scale_by_learning_rate(η))
/// Adam     = chain(ema(β₁), scale_by_rms(β₂, ε),   scale_by_learning_rate(η))    both debiased
/// </code>
/// Adam is RMSProp's chain with a momentum piece in front; scale_by_rms still averages the step's g²
/// (not the square of the m before it). The momentum piece is an EMA (weights summing to 1), not
/// momentum's trace (weights summing to 1/(1 − μ)).
/// </summary>
public static class Compose
{
    /// <summary>
    /// Heavy-ball momentum, PyTorch's form: b ← μb + g, θ ← θ − ηb. Equals <see cref="Optimizers.Momentum"/>
    /// (with <paramref name="nesterov"/>: <see cref="Sgd"/> with <c>nesterov: true</c>, θ ← θ − η(g + μb)).
    /// </summary>
    /// <param name="learningRate">η, finite and ≥ 0.</param>
    /// <param name="momentum">μ ≥ 0.</param>
    /// <param name="nesterov">Step along g + μb; needs μ &gt; 0, as in PyTorch.</param>
    public static ComposedOptimizer Momentum(double learningRate, double momentum = 0.9, bool nesterov = false)
    {
        Require.NonNegative(learningRate);
        Require.NonNegative(momentum);
        if (nesterov && momentum <= 0)
            throw new ArgumentException(
                $"nesterov = true needs momentum > 0, but momentum = {Require.Show(momentum)}: " +
                "valid momentum is in (0, ∞) with Nesterov.", nameof(nesterov));
        return new(nesterov ? "Nesterov" : "Momentum", learningRate,
            new Trace(momentum, nesterov));                 // b ← μb + g: a sum, not an average
    }

    /// <summary>
    /// RMSProp: v ← αv + (1 − α)g², θ ← θ − η g/(√v + ε). Equals <see cref="Optimizers.RmsProp"/>
    /// without weight decay, momentum or centering.
    /// </summary>
    /// <param name="learningRate">η, finite and ≥ 0.</param>
    /// <param name="alpha">α in [0, 1), the decay of the EMA of g².</param>
    /// <param name="epsilon">ε ≥ 0, added to √v.</param>
    public static ComposedOptimizer RmsProp(double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8)
    {
        Require.NonNegative(learningRate);
        Require.UnitInterval(alpha);
        Require.NonNegative(epsilon);
        return new("RMSProp", learningRate,
            new ScaleByRms(alpha, epsilon));                // g / (√v + ε), v the EMA of g²
    }

    /// <summary>
    /// Adam = momentum + adaptive rate: θ ← θ − η m̂/(√v̂ + ε), m the EMA of g, v the EMA of g², both
    /// bias-corrected. Equals <see cref="Optimizers.Adam"/> without weight decay or AMSGrad.
    /// </summary>
    /// <param name="learningRate">η, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of m.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of v.</param>
    /// <param name="epsilon">ε ≥ 0, added to √v̂.</param>
    public static ComposedOptimizer Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8)
    {
        Require.NonNegative(learningRate);
        Require.UnitInterval(beta1);
        Require.UnitInterval(beta2);
        Require.NonNegative(epsilon);
        return new("Adam", learningRate,
            new Ema(beta1, debias: true),                   // momentum's piece: m̂, an EMA of g
            new ScaleByRms(beta2, epsilon, debias: true));  // RMSProp's piece: ÷ (√v̂ + ε), v the EMA of g²
    }
}
