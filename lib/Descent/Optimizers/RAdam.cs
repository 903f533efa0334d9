using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// RAdam: Adam whose adaptive rate is switched on only once the variance of v's estimate is
/// tractable, and then scaled by a rectification term rₜ that grows towards 1: an automatic warm-up.
/// Follows <c>torch.optim.RAdam</c>:
/// <code>
/// input: γ (lr), β₁, β₂, θ₀, f, λ (weight decay), ε, decoupled
/// m₀ ← 0, v₀ ← 0, ρ∞ ← 2/(1 − β₂) − 1
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  if decoupled: θ ← θ(1 − γλ)  else: g ← g + λθ
///     m ← β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     m̂ ← m / (1 − β₁ᵗ)
///     ρₜ ← ρ∞ − 2tβ₂ᵗ / (1 − β₂ᵗ)              (the length of the approximated moving average)
///     if ρₜ &gt; 5:
///         rₜ ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///         θ ← θ − γ m̂ · √(1 − β₂ᵗ)/(√v + ε) · rₜ
///     else:
///         θ ← θ − γ m̂                          (plain momentum SGD while v is unreliable)
/// </code>
/// The code mirrors PyTorch's arithmetic; the parity tests hold it to PyTorch 1.13's numbers within
/// 1e-12 relative. <c>decoupledWeightDecay</c> is PyTorch 2's option (1.13 lacks it), tested against
/// hand-worked steps.
/// </summary>
public sealed class RAdam : OptimizerBase
{
    private double[]? firstMoment;
    private double[]? secondMoment;

    /// <summary>Creates RAdam; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε ≥ 0, added to √v.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="decoupledWeightDecay">Decay θ directly (as AdamW) instead of adding λθ to g.</param>
    public RAdam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, bool decoupledWeightDecay = false)
        : base(learningRate)
    {
        Beta1 = Require.UnitInterval(beta1);
        Beta2 = Require.UnitInterval(beta2);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
        DecoupledWeightDecay = decoupledWeightDecay;
    }

    /// <inheritdoc />
    public override string Name => "RAdam";

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether λ decays θ directly.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>ρ∞ = 2/(1 − β₂) − 1, the longest moving average v can approximate.</summary>
    public double RhoInfinity => 2 / (1 - Beta2) - 1;

    /// <summary>ρₜ of step t ≥ 1; the adaptive rate is on when it is above 5.</summary>
    public double RhoAt(int step)
    {
        Require.AtLeast(step, 1);
        double beta2t = Math.Pow(Beta2, step);
        return RhoInfinity - 2 * step * beta2t / (1 - beta2t);
    }

    /// <summary>The rectification rₜ of step t (0 while ρₜ ≤ 5: no adaptive step yet).</summary>
    public double RectificationAt(int step)
    {
        double rho = RhoAt(step), inf = RhoInfinity;
        return rho > 5 ? Math.Sqrt((rho - 4) * (rho - 2) * inf / ((inf - 4) * (inf - 2) * rho)) : 0;
    }

    /// <summary>m (PyTorch's <c>exp_avg</c>).</summary>
    public IReadOnlyList<double> FirstMoment => View(firstMoment);

    /// <summary>v (PyTorch's <c>exp_avg_sq</c>).</summary>
    public IReadOnlyList<double> SecondMoment => View(secondMoment);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        firstMoment = new double[length];
        secondMoment = new double[length];
    }

    /// <inheritdoc />
    protected override void ClearState() => firstMoment = secondMoment = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        var kernel = new Kernel(this, theta, g, t);
        Elementwise.Run(ref kernel, theta.Length);
    }

    private ref struct Kernel(RAdam radam, Span<double> theta, ReadOnlySpan<double> gradient, int t) : IElementwise
    {
        private readonly Span<double> theta = theta, m = radam.firstMoment, v = radam.secondMoment;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double beta1 = radam.Beta1, beta2 = radam.Beta2, epsilon = radam.Epsilon;
        private readonly double lr = radam.LearningRate, lambda = radam.WeightDecay;
        private readonly double shrink = 1 - radam.LearningRate * radam.WeightDecay;
        private readonly bool coupled = radam.WeightDecay != 0 && !radam.DecoupledWeightDecay;
        private readonly bool decoupled = radam.WeightDecay != 0 && radam.DecoupledWeightDecay;
        private readonly double biasCorrection1 = 1 - Math.Pow(radam.Beta1, t);
        private readonly double sqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(radam.Beta2, t));
        private readonly double rect = radam.RectificationAt(t);
        private readonly bool adaptive = radam.RhoAt(t) > 5;

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
            T step = mi / T.Splat(biasCorrection1) * T.Splat(lr);                   // γ m̂
            if (adaptive)                                                           // · √(1 − β₂ᵗ)/(√v + ε) · rₜ
                step = step * (T.Splat(sqrtBiasCorrection2) / (T.Sqrt(vi) + T.Splat(epsilon))) * T.Splat(rect);
            (p - step).Store(theta, i);
        }
    }
}
