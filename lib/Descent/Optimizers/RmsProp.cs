using System.Numerics;
using System.Runtime.InteropServices;

namespace Descent.Optimizers;

/// <summary>
/// RMSProp: like AdaGrad, but h is an exponential moving average of g², so the distant past fades.
/// Follows <c>torch.optim.RMSprop</c>:
/// <code>
/// input: γ (lr), θ₀, f, α (smoothing), ε, λ (weight decay), μ (momentum), centered
/// v₀ ← 0, b₀ ← 0, ḡ₀ ← 0
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  g ← g + λθ
///     v ← αv + (1 − α)g²
///     ṽ ← v
///     if centered:
///         ḡ ← αḡ + (1 − α)g
///         ṽ ← ṽ − ḡ²
///     if μ &gt; 0:
///         b ← μb + g / (√ṽ + ε)
///         θ ← θ − γb
///     else:
///         θ ← θ − γ g / (√ṽ + ε)
/// </code>
/// A gradient k steps back weighs (1 − α)αᵏ in v: older than about 1/(1 − α) steps, it has faded.
/// </summary>
public sealed class RmsProp : OptimizerBase
{
    private double[]? squareAverage;
    private double[]? gradientAverage;
    private double[]? velocity;

    /// <summary>Creates RMSProp; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and &gt; 0.</param>
    /// <param name="alpha">α in [0, 1), the decay of the moving average of g².</param>
    /// <param name="epsilon">ε ≥ 0, added to √ṽ.</param>
    /// <param name="weightDecay">λ ≥ 0 (L2 penalty added to the gradient).</param>
    /// <param name="momentum">μ ≥ 0.</param>
    /// <param name="centered">Divide by an estimate of the variance of g instead of its raw second moment.</param>
    public RmsProp(double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0,
        double momentum = 0, bool centered = false)
        : base(learningRate)
    {
        Alpha = Require.UnitInterval(alpha);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
        Momentum = Require.NonNegative(momentum);
        Centered = centered;
    }

    /// <inheritdoc />
    public override string Name => "RMSProp";

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>v, the moving average of g² (PyTorch's <c>square_avg</c>).</summary>
    public IReadOnlyList<double> SquareAverage => View(squareAverage);

    /// <summary>ḡ, the moving average of g (centered only; PyTorch's <c>grad_avg</c>).</summary>
    public IReadOnlyList<double> GradientAverage => View(gradientAverage);

    /// <summary>b, the momentum buffer (momentum only; PyTorch's <c>momentum_buffer</c>).</summary>
    public IReadOnlyList<double> Velocity => View(velocity);

    /// <summary>The per-parameter step size γ/(√ṽ + ε) that the last step used.</summary>
    public double EffectiveLearningRate(int index)
    {
        double v = squareAverage![index];
        if (Centered) v -= gradientAverage![index] * gradientAverage[index];
        return LearningRate / (Math.Sqrt(v) + Epsilon);
    }

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        squareAverage = new double[length];
        gradientAverage = Centered ? new double[length] : null;
        velocity = Momentum > 0 ? new double[length] : null;
    }

    /// <inheritdoc />
    protected override void ClearState() => squareAverage = gradientAverage = velocity = null;

    /// <inheritdoc />
    protected override void UpdateScalar(Span<double> theta, ReadOnlySpan<double> gradient, int t) => ScalarRange(theta, gradient, 0);

    /// <inheritdoc />
    protected override void UpdateVectorized(Span<double> theta, ReadOnlySpan<double> gradient, int t)
    {
        int n = theta.Length, w = Vector<double>.Count, i = 0;
        var lr = new Vector<double>(LearningRate);
        var alpha = new Vector<double>(Alpha);
        var rest = new Vector<double>(1 - Alpha);
        var eps = new Vector<double>(Epsilon);
        var lambda = new Vector<double>(WeightDecay);
        var mu = new Vector<double>(Momentum);
        bool decay = WeightDecay != 0, heavy = Momentum > 0, centered = Centered;
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double gr = ref MemoryMarshal.GetReference(gradient);
        ref double sq = ref squareAverage![0];
        ref double ga = ref centered ? ref gradientAverage![0] : ref th;
        ref double vel = ref heavy ? ref velocity![0] : ref th;
        for (; i <= n - w; i += w)
        {
            var p = Vector.LoadUnsafe(ref th, (nuint)i);
            var g = Vector.LoadUnsafe(ref gr, (nuint)i);
            if (decay) g += lambda * p;
            var v = alpha * Vector.LoadUnsafe(ref sq, (nuint)i) + rest * g * g;
            v.StoreUnsafe(ref sq, (nuint)i);
            var vTilde = v;
            if (centered)
            {
                var avg = alpha * Vector.LoadUnsafe(ref ga, (nuint)i) + rest * g;
                avg.StoreUnsafe(ref ga, (nuint)i);
                vTilde -= avg * avg;
            }
            var scaled = g / (Vector.SquareRoot(vTilde) + eps);
            if (heavy)
            {
                var b = mu * Vector.LoadUnsafe(ref vel, (nuint)i) + scaled;
                b.StoreUnsafe(ref vel, (nuint)i);
                p -= lr * b;
            }
            else
            {
                p -= lr * scaled;
            }
            p.StoreUnsafe(ref th, (nuint)i);
        }
        ScalarRange(theta, gradient, i);
    }

    private void ScalarRange(Span<double> theta, ReadOnlySpan<double> gradient, int from)
    {
        double lr = LearningRate, alpha = Alpha, eps = Epsilon, lambda = WeightDecay, mu = Momentum;
        double[] v = squareAverage!;
        for (int i = from; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (lambda != 0) g += lambda * theta[i];
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            double vTilde = v[i];
            if (Centered)
            {
                gradientAverage![i] = alpha * gradientAverage[i] + (1 - alpha) * g;
                vTilde -= gradientAverage[i] * gradientAverage[i];
            }
            double scaled = g / (Math.Sqrt(vTilde) + eps);
            if (mu > 0)
            {
                velocity![i] = mu * velocity[i] + scaled;
                theta[i] -= lr * velocity[i];
            }
            else
            {
                theta[i] -= lr * scaled;
            }
        }
    }
}
