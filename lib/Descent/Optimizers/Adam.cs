using System.Numerics;
using System.Runtime.InteropServices;

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
/// As in PyTorch's code, AMSGrad keeps the maximum of the raw v and bias-corrects that maximum.
/// </summary>
public class Adam : OptimizerBase
{
    private double[]? firstMoment;
    private double[]? secondMoment;
    private double[]? maxSecondMoment;

    /// <summary>Creates Adam; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and &gt; 0.</param>
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
        Beta1 = Require.UnitInterval(beta1);
        Beta2 = Require.UnitInterval(beta2);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
        AmsGrad = amsGrad;
        DecoupledWeightDecay = decoupledWeightDecay;
    }

    /// <inheritdoc />
    public override string Name => AmsGrad ? "AMSGrad" : "Adam";

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

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
    protected override void UpdateScalar(Span<double> theta, ReadOnlySpan<double> gradient, int t) => ScalarRange(theta, gradient, t, 0);

    /// <inheritdoc />
    protected override void UpdateVectorized(Span<double> theta, ReadOnlySpan<double> gradient, int t)
    {
        // One pass: read θ, g, m, v (and vᵐᵃˣ), write θ, m, v (and vᵐᵃˣ). The bias corrections are
        // folded as in PyTorch's own code (step_size = η/(1 − β₁ᵗ), denom = √v/√(1 − β₂ᵗ) + ε), with the
        // constant divisions turned into multiplications: one division and one square root per
        // parameter instead of three divisions, which is what limits this loop. It agrees with
        // ScalarRange (the formula as written) to a few units in the last place.
        int n = theta.Length, w = Vector<double>.Count, i = 0;
        double lrValue = LearningRate;
        var beta1 = new Vector<double>(Beta1);
        var beta2 = new Vector<double>(Beta2);
        var rest1 = new Vector<double>(1 - Beta1);
        var rest2 = new Vector<double>(1 - Beta2);
        var stepSize = new Vector<double>(lrValue / (1 - Math.Pow(Beta1, t)));
        var inverseSqrtBc2 = new Vector<double>(1 / Math.Sqrt(1 - Math.Pow(Beta2, t)));
        var eps = new Vector<double>(Epsilon);
        var lambda = new Vector<double>(WeightDecay);
        var shrink = new Vector<double>(1 - lrValue * WeightDecay);
        bool decay = WeightDecay != 0, decoupled = DecoupledWeightDecay, ams = AmsGrad;
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double gr = ref MemoryMarshal.GetReference(gradient);
        ref double mr = ref firstMoment![0];
        ref double vr = ref secondMoment![0];
        ref double xr = ref ams ? ref maxSecondMoment![0] : ref vr;
        for (; i <= n - w; i += w)
        {
            var p = Vector.LoadUnsafe(ref th, (nuint)i);
            var g = Vector.LoadUnsafe(ref gr, (nuint)i);
            if (decay)
            {
                if (decoupled) p *= shrink;
                else g += lambda * p;
            }
            var m = beta1 * Vector.LoadUnsafe(ref mr, (nuint)i) + rest1 * g;
            var v = beta2 * Vector.LoadUnsafe(ref vr, (nuint)i) + rest2 * g * g;
            m.StoreUnsafe(ref mr, (nuint)i);
            v.StoreUnsafe(ref vr, (nuint)i);
            var source = v;
            if (ams)
            {
                source = Vector.Max(Vector.LoadUnsafe(ref xr, (nuint)i), v);
                source.StoreUnsafe(ref xr, (nuint)i);
            }
            var denominator = Vector.SquareRoot(source) * inverseSqrtBc2 + eps;
            (p - stepSize * m / denominator).StoreUnsafe(ref th, (nuint)i);
        }
        ScalarRange(theta, gradient, t, i);
    }

    private void ScalarRange(Span<double> theta, ReadOnlySpan<double> gradient, int t, int from)
    {
        double lr = LearningRate, beta1 = Beta1, beta2 = Beta2, eps = Epsilon, lambda = WeightDecay;
        double biasCorrection1 = 1 - Math.Pow(beta1, t);
        double biasCorrection2 = 1 - Math.Pow(beta2, t);
        double[] m = firstMoment!, v = secondMoment!;
        for (int i = from; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (lambda != 0)
            {
                if (DecoupledWeightDecay) theta[i] *= 1 - lr * lambda;
                else g += lambda * theta[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m[i] / biasCorrection1;
            double vHat;
            if (AmsGrad)
            {
                maxSecondMoment![i] = Math.Max(maxSecondMoment[i], v[i]);
                vHat = maxSecondMoment[i] / biasCorrection2;
            }
            else
            {
                vHat = v[i] / biasCorrection2;
            }
            theta[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
        }
    }
}
