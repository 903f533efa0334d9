using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// Adam = momentum (a leaky average m of g) + an adaptive rate (a leaky average v of g², as in
/// RMSProp), both bias-corrected. Follows <c>torch.optim.Adam</c>:
/// <code>
/// input: γ (lr), β₁, β₂, θ₀, f, λ (weight decay), ε, amsgrad
/// m₀ ← 0, v₀ ← 0, v₀ᵐᵃˣ ← 0
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  g ← g + λθ                 (L2, coupled: it goes through the adaptive scaling)
///     m ← β₁m + (1 − β₁)g                   (the momentum piece)
///     v ← β₂v + (1 − β₂)g²                  (the RMSProp piece)
///     m̂ ← m / (1 − β₁ᵗ)
///     if amsgrad:
///         vᵐᵃˣ ← max(vᵐᵃˣ, v)
///         v̂ ← vᵐᵃˣ / (1 − β₂ᵗ)
///     else:
///         v̂ ← v / (1 − β₂ᵗ)
///     θ ← θ − γ m̂ / (√v̂ + ε)
/// </code>
/// As in PyTorch's code, AMSGrad keeps the maximum of the raw v and bias-corrects that maximum, and
/// the bias corrections are folded into two per-step constants (step size γ/(1 − β₁ᵗ) and
/// 1/√(1 − β₂ᵗ)). PyTorch divides by √(1 − β₂ᵗ) where this multiplies by its reciprocal (one division
/// per parameter fewer). Measured against PyTorch 1.13's own numbers (every step of every reference
/// case in tests/Descent.Tests/Reference): largest relative difference 1.5e-16 for Adam, 0 for AdamW;
/// the tests hold both to 1e-12.
/// </summary>
public class Adam : OptimizerBase, IHasMomentum
{
    private double[]? firstMoment;
    private double[]? secondMoment;
    private double[]? maxSecondMoment;
    private double beta1;

    /// <summary>Creates Adam; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of m.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of v.</param>
    /// <param name="epsilon">ε ≥ 0, added to √v̂.</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty added to the gradient.</param>
    /// <param name="amsGrad">Use the running maximum of v (AMSGrad).</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, bool amsGrad = false)
        : this(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupledWeightDecay: false) { }

    /// <summary>For <see cref="AdamW"/>: the same algorithm with decoupled weight decay.</summary>
    private protected Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
        bool amsGrad, bool decoupledWeightDecay)
        : base(learningRate)
    {
        Beta1 = beta1;
        Beta2 = Require.UnitInterval(beta2);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
        AmsGrad = amsGrad;
        DecoupledWeightDecay = decoupledWeightDecay;
    }

    /// <inheritdoc />
    public override string Name => AmsGrad ? "AMSGrad" : "Adam";

    /// <summary>β₁ in [0, 1). A schedule may change it between steps (OneCycle's momentum cycling).</summary>
    public double Beta1
    {
        get => beta1;
        set => beta1 = Require.UnitInterval(value, "beta1");
    }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the AMSGrad maximum is used.</summary>
    public bool AmsGrad { get; }

    /// <summary>True for AdamW: θ ← θ(1 − γλ) before the step instead of g ← g + λθ.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>β₁, the coefficient a momentum-cycling schedule drives.</summary>
    double IHasMomentum.MomentumCoefficient
    {
        get => Beta1;
        set => Beta1 = value;
    }

    /// <summary>m, the first moment (PyTorch's <c>exp_avg</c>), not bias-corrected.</summary>
    public IReadOnlyList<double> FirstMoment => View(firstMoment);

    /// <summary>v, the second moment (PyTorch's <c>exp_avg_sq</c>), not bias-corrected.</summary>
    public IReadOnlyList<double> SecondMoment => View(secondMoment);

    /// <summary>vᵐᵃˣ (AMSGrad only; PyTorch's <c>max_exp_avg_sq</c>).</summary>
    public IReadOnlyList<double> MaxSecondMoment => View(maxSecondMoment);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        firstMoment = new double[length];
        secondMoment = new double[length];
        maxSecondMoment = AmsGrad ? new double[length] : null;
    }

    /// <inheritdoc />
    protected override void ClearState() => firstMoment = secondMoment = maxSecondMoment = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        var kernel = new Kernel(this, theta, g, t);
        Elementwise.Run(ref kernel, theta.Length);
    }

    /// <summary>The algorithm box above, for one element or one vector of elements.</summary>
    private ref struct Kernel(Adam adam, Span<double> theta, ReadOnlySpan<double> gradient, int t) : IElementwise
    {
        private readonly Span<double> theta = theta, m = adam.firstMoment, v = adam.secondMoment;
        private readonly Span<double> vMax = adam.AmsGrad ? adam.maxSecondMoment : adam.secondMoment;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double beta1 = adam.Beta1, beta2 = adam.Beta2, epsilon = adam.Epsilon;
        private readonly double lambda = adam.WeightDecay, shrink = 1 - adam.LearningRate * adam.WeightDecay;
        private readonly double stepSize = adam.LearningRate / (1 - Math.Pow(adam.Beta1, t));
        private readonly double inverseSqrtBc2 = 1 / Math.Sqrt(1 - Math.Pow(adam.Beta2, t));
        private readonly bool coupled = adam.WeightDecay != 0 && !adam.DecoupledWeightDecay;
        private readonly bool decoupled = adam.WeightDecay != 0 && adam.DecoupledWeightDecay, ams = adam.AmsGrad;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (decoupled) p *= T.Splat(shrink);                               // AdamW: θ ← θ(1 − γλ)
            if (coupled) g += T.Splat(lambda) * p;                             // g ← g + λθ
            T mi = T.Splat(beta1) * T.Load(m, i) + T.Splat(1 - beta1) * g;     // m ← β₁m + (1 − β₁)g
            T vi = T.Splat(beta2) * T.Load(v, i) + T.Splat(1 - beta2) * g * g; // v ← β₂v + (1 − β₂)g²
            mi.Store(m, i);
            vi.Store(v, i);
            if (ams)
            {
                vi = T.Max(T.Load(vMax, i), vi);                                // vᵐᵃˣ ← max(vᵐᵃˣ, v)
                vi.Store(vMax, i);
            }
            T denominator = T.Sqrt(vi) * T.Splat(inverseSqrtBc2) + T.Splat(epsilon); // √v̂ + ε
            (p - T.Splat(stepSize) * mi / denominator).Store(theta, i);        // θ ← θ − γ m̂ / (√v̂ + ε)
        }
    }
}
