using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// Lion (EvoLved Sign Momentum; Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms";
/// optax's <c>lion</c>): every weight moves by exactly ±η per step (plus decoupled weight decay), in the
/// direction of the sign of an interpolation between the momentum and the new gradient. One state
/// vector instead of Adam's two.
/// <code>
/// input: η (lr), β₁, β₂, θ₀, f, λ (weight decay)
/// m₀ ← 0
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     c ← β₁m + (1 − β₁)g                      (the direction of this step)
///     θ ← θ − η(sign(c) + λθ)
///     m ← β₂m + (1 − β₂)g                      (the momentum, with the slower β₂)
/// </code>
/// sign(0) = 0, as in optax and the paper's code. Not in PyTorch 1.13: tested against hand-worked steps
/// and a naive transcription.
/// </summary>
public sealed class Lion : OptimizerBase
{
    private double[]? momentum;

    /// <summary>Creates Lion; the defaults are the paper's and optax's.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (Lion needs an η about 3–10× smaller than Adam's).</param>
    /// <param name="beta1">β₁ in [0, 1), the interpolation that sets this step's direction.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of the momentum m.</param>
    /// <param name="weightDecay">λ ≥ 0, decoupled (θ ← θ − ηλθ).</param>
    public Lion(double learningRate = 1e-4, double beta1 = 0.9, double beta2 = 0.99, double weightDecay = 0)
        : base(learningRate)
    {
        Beta1 = Require.UnitInterval(beta1);
        Beta2 = Require.UnitInterval(beta2);
        WeightDecay = Require.NonNegative(weightDecay);
    }

    /// <inheritdoc />
    public override string Name => "Lion";

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>m, the momentum.</summary>
    public IReadOnlyList<double> Momentum => View(momentum);

    /// <inheritdoc />
    protected override void AllocateState(int length) => momentum = new double[length];

    /// <inheritdoc />
    protected override void ClearState() => momentum = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        var kernel = new Kernel(this, theta, g);
        Elementwise.Run(ref kernel, theta.Length);
    }

    private ref struct Kernel(Lion lion, Span<double> theta, ReadOnlySpan<double> gradient) : IElementwise
    {
        private readonly Span<double> theta = theta, m = lion.momentum;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double lr = lion.LearningRate, beta1 = lion.Beta1, beta2 = lion.Beta2;
        private readonly double lambda = lion.WeightDecay;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i), mi = T.Load(m, i);
            T c = T.Splat(beta1) * mi + T.Splat(1 - beta1) * g;                     // c ← β₁m + (1 − β₁)g
            (p - T.Splat(lr) * (T.Sign(c) + T.Splat(lambda) * p)).Store(theta, i);  // θ ← θ − η(sign(c) + λθ)
            (T.Splat(beta2) * mi + T.Splat(1 - beta2) * g).Store(m, i);             // m ← β₂m + (1 − β₂)g
        }
    }
}
