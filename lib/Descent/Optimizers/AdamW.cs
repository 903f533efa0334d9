namespace Descent.Optimizers;

/// <summary>
/// AdamW: Adam with decoupled weight decay, following <c>torch.optim.AdamW</c>:
/// <code>
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     θ ← θ − γλθ                           (decay applied to θ directly, not through g)
///     m, v, m̂, v̂ as in Adam (with g not touched by λ)
///     θ ← θ − γ m̂ / (√v̂ + ε)
/// </code>
/// With L2 (Adam's weight decay) a large-gradient weight is barely decayed, because λθ is divided by
/// √v̂ like the rest of g; decoupled decay shrinks every weight by the same factor (1 − γλ).
/// With γλ &gt; 1 that factor is negative: every step flips the weights' sign (PyTorch allows it; the
/// runners' reports will show the run blowing up). Keep γλ well below 1.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW; the defaults are PyTorch's (note λ = 0.01).</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    /// <param name="weightDecay">λ ≥ 0, decoupled.</param>
    /// <param name="amsGrad">Use the running maximum of v (AMSGrad).</param>
    public AdamW(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0.01, bool amsGrad = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupledWeightDecay: true) { }

    /// <inheritdoc />
    public override string Name => "AdamW";
}
