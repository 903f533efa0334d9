using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// Adamax: Adam with the ∞-norm instead of the 2-norm: the scale u is a decaying running maximum of
/// |g| instead of an average of g². Follows <c>torch.optim.Adamax</c>:
/// <code>
/// input: γ (lr), β₁, β₂, θ₀, f, λ (weight decay), ε
/// m₀ ← 0, u₀ ← 0
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  g ← g + λθ
///     m ← β₁m + (1 − β₁)g
///     u ← max(β₂u, |g| + ε)
///     θ ← θ − γ m / ((1 − β₁ᵗ) u)
/// </code>
/// One huge gradient sets u at once and then decays by β₂ per step, while in Adam it enters v squared
/// and averaged. The code mirrors PyTorch's arithmetic (θ ← θ + (−γ/(1 − β₁ᵗ))·m / u); the parity
/// tests hold it to PyTorch 1.13's numbers within 1e-12 relative.
/// </summary>
public sealed class Adamax : OptimizerBase, IHasMomentum
{
    private double[]? firstMoment;
    private double[]? infinityNorm;
    private double beta1;

    /// <summary>Creates Adamax; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of m.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of the running maximum u.</param>
    /// <param name="epsilon">ε ≥ 0, added to |g|.</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty added to the gradient.</param>
    public Adamax(double learningRate = 0.002, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0)
        : base(learningRate)
    {
        Beta1 = beta1;
        Beta2 = Require.UnitInterval(beta2);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
    }

    /// <inheritdoc />
    public override string Name => "Adamax";

    /// <summary>β₁ in [0, 1); a schedule may cycle it.</summary>
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

    double IHasMomentum.MomentumCoefficient
    {
        get => Beta1;
        set => Beta1 = value;
    }

    /// <summary>m (PyTorch's <c>exp_avg</c>).</summary>
    public IReadOnlyList<double> FirstMoment => View(firstMoment);

    /// <summary>u, the decaying running maximum of |g| + ε (PyTorch's <c>exp_inf</c>).</summary>
    public IReadOnlyList<double> InfinityNorm => View(infinityNorm);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        firstMoment = new double[length];
        infinityNorm = new double[length];
    }

    /// <inheritdoc />
    protected override void ClearState() => firstMoment = infinityNorm = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        var kernel = new Kernel(this, theta, g, t);
        Elementwise.Run(ref kernel, theta.Length);
    }

    private ref struct Kernel(Adamax adamax, Span<double> theta, ReadOnlySpan<double> gradient, int t) : IElementwise
    {
        private readonly Span<double> theta = theta, m = adamax.firstMoment, u = adamax.infinityNorm;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double beta1 = adamax.Beta1, beta2 = adamax.Beta2, epsilon = adamax.Epsilon;
        private readonly double lambda = adamax.WeightDecay;
        private readonly double stepSize = adamax.LearningRate / (1 - Math.Pow(adamax.Beta1, t));

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (lambda != 0) g += T.Splat(lambda) * p;                                 // g ← g + λθ
            T mi = T.Splat(beta1) * T.Load(m, i) + T.Splat(1 - beta1) * g;             // m ← β₁m + (1 − β₁)g
            T ui = T.Max(T.Splat(beta2) * T.Load(u, i), T.Abs(g) + T.Splat(epsilon));  // u ← max(β₂u, |g| + ε)
            mi.Store(m, i);
            ui.Store(u, i);
            (p - T.Splat(stepSize) * mi / ui).Store(theta, i);                          // θ ← θ − γ m / ((1 − β₁ᵗ)u)
        }
    }
}
