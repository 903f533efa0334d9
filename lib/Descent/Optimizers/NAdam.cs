using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// NAdam: Adam with Nesterov's look-ahead (chapter 02) in its momentum, and a momentum coefficient
/// that warms up over the first few hundred steps. Follows <c>torch.optim.NAdam</c>:
/// <code>
/// input: γ (lr), β₁, β₂, θ₀, f, λ (weight decay), ψ (momentum decay), ε, decoupled
/// m₀ ← 0, v₀ ← 0, Π₀ ← 1
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  if decoupled: θ ← θ(1 − γλ)  else: g ← g + λθ
///     μₜ ← β₁(1 − ½·0.96^(tψ)),  μₜ₊₁ ← β₁(1 − ½·0.96^((t+1)ψ))
///     Πₜ ← Πₜ₋₁ μₜ                              (the product of all μ so far)
///     m ← β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     d ← √(v / (1 − β₂ᵗ)) + ε
///     θ ← θ − γ(1 − μₜ)/(1 − Πₜ) · g/d          (the gradient's part of the look-ahead)
///     θ ← θ − γμₜ₊₁/(1 − Πₜμₜ₊₁) · m/d          (the momentum's part, one step ahead)
/// </code>
/// The code mirrors PyTorch's arithmetic (two in-place add-divides); the parity tests hold it to
/// PyTorch 1.13's numbers within 1e-12 relative. <c>decoupledWeightDecay</c> is PyTorch 2's option
/// (1.13 lacks it), tested against hand-worked steps.
/// </summary>
public sealed class NAdam : OptimizerBase
{
    private double[]? firstMoment;
    private double[]? secondMoment;

    /// <summary>Creates NAdam; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε ≥ 0, added to the root.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="momentumDecay">ψ ≥ 0: how fast μₜ warms up to β₁ (0.004: about 500 steps).</param>
    /// <param name="decoupledWeightDecay">Decay θ directly (as AdamW) instead of adding λθ to g.</param>
    public NAdam(double learningRate = 0.002, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, double momentumDecay = 0.004, bool decoupledWeightDecay = false)
        : base(learningRate)
    {
        Beta1 = Require.UnitInterval(beta1);
        Beta2 = Require.UnitInterval(beta2);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
        MomentumDecay = Require.NonNegative(momentumDecay);
        DecoupledWeightDecay = decoupledWeightDecay;
    }

    /// <inheritdoc />
    public override string Name => "NAdam";

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>ψ.</summary>
    public double MomentumDecay { get; }

    /// <summary>Whether λ decays θ directly.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>Πₜ, the product of the momentum coefficients so far (PyTorch's <c>mu_product</c>); 1 before the first step.</summary>
    public double MomentumProduct { get; private set; } = 1;

    /// <summary>μₜ of step t ≥ 1: β₁(1 − ½·0.96^(tψ)).</summary>
    public double MomentumAt(int step) =>
        Beta1 * (1 - 0.5 * Math.Pow(0.96, Require.AtLeast(step, 1) * MomentumDecay));

    /// <summary>m (PyTorch's <c>exp_avg</c>).</summary>
    public IReadOnlyList<double> FirstMoment => View(firstMoment);

    /// <summary>v (PyTorch's <c>exp_avg_sq</c>).</summary>
    public IReadOnlyList<double> SecondMoment => View(secondMoment);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        firstMoment = new double[length];
        secondMoment = new double[length];
        MomentumProduct = 1;
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        firstMoment = secondMoment = null;
        MomentumProduct = 1;
    }

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        double mu = MomentumAt(t), muNext = MomentumAt(t + 1);
        MomentumProduct *= mu;
        var kernel = new Kernel(this, theta, g, t, mu, muNext);
        Elementwise.Run(ref kernel, theta.Length);
    }

    private ref struct Kernel(NAdam nadam, Span<double> theta, ReadOnlySpan<double> gradient, int t, double mu,
        double muNext) : IElementwise
    {
        private readonly Span<double> theta = theta, m = nadam.firstMoment, v = nadam.secondMoment;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double beta1 = nadam.Beta1, beta2 = nadam.Beta2, epsilon = nadam.Epsilon;
        private readonly double lambda = nadam.WeightDecay, shrink = 1 - nadam.LearningRate * nadam.WeightDecay;
        private readonly bool coupled = nadam.WeightDecay != 0 && !nadam.DecoupledWeightDecay;
        private readonly bool decoupled = nadam.WeightDecay != 0 && nadam.DecoupledWeightDecay;
        private readonly double biasCorrection2 = 1 - Math.Pow(nadam.Beta2, t);
        private readonly double gradientStep = -nadam.LearningRate * (1 - mu) / (1 - nadam.MomentumProduct);
        private readonly double momentumStep = -nadam.LearningRate * muNext / (1 - nadam.MomentumProduct * muNext);

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (decoupled) p *= T.Splat(shrink);                                    // θ ← θ(1 − γλ)
            if (coupled) g += T.Splat(lambda) * p;                                  // g ← g + λθ
            T mi = T.Splat(beta1) * T.Load(m, i) + T.Splat(1 - beta1) * g;          // m ← β₁m + (1 − β₁)g
            T vi = T.Splat(beta2) * T.Load(v, i) + T.Splat(1 - beta2) * g * g;      // v ← β₂v + (1 − β₂)g²
            mi.Store(m, i);
            vi.Store(v, i);
            T d = T.Sqrt(vi / T.Splat(biasCorrection2)) + T.Splat(epsilon);         // d ← √(v/(1 − β₂ᵗ)) + ε
            p += T.Splat(gradientStep) * g / d;                                     // the gradient's part
            (p + T.Splat(momentumStep) * mi / d).Store(theta, i);                   // the momentum's part
        }
    }
}
