using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

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
/// The code mirrors PyTorch's arithmetic operation for operation. Measured against PyTorch 1.13's own
/// numbers (every step of every reference case): largest relative difference 1.2e-16; the tests hold
/// it to 1e-12.
/// </summary>
public sealed class RmsProp : OptimizerBase, IHasMomentum
{
    private double[]? squareAverage;
    private double[]? gradientAverage;
    private double[]? velocity;
    private double momentum;

    /// <summary>Creates RMSProp; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
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
        MomentumCoefficient = momentum;
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

    /// <summary>
    /// μ ≥ 0. A schedule may change it between steps (OneCycle's momentum cycling); the buffer b
    /// starts at 0 on the first step with μ &gt; 0, as in PyTorch.
    /// </summary>
    public double MomentumCoefficient
    {
        get => momentum;
        set => momentum = Require.NonNegative(value, "momentum");
    }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>v, the moving average of g² (PyTorch's <c>square_avg</c>).</summary>
    public IReadOnlyList<double> SquareAverage => View(squareAverage);

    /// <summary>ḡ, the moving average of g (centered only; PyTorch's <c>grad_avg</c>).</summary>
    public IReadOnlyList<double> GradientAverage => View(gradientAverage);

    /// <summary>b, the momentum buffer (momentum only; PyTorch's <c>momentum_buffer</c>).</summary>
    public IReadOnlyList<double> Velocity => View(velocity);

    /// <summary>
    /// The per-parameter step size γ/(√ṽ + ε) that the last step used, for parameter
    /// <paramref name="index"/>; available after the first step.
    /// </summary>
    public double EffectiveLearningRate(int index)
    {
        RequireStateIndex(index);
        double v = squareAverage![index];
        if (Centered) v -= gradientAverage![index] * gradientAverage[index];
        return LearningRate / (Math.Sqrt(v) + Epsilon);
    }

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        squareAverage = new double[length];
        gradientAverage = Centered ? new double[length] : null;
    }

    /// <inheritdoc />
    protected override void ClearState() => squareAverage = gradientAverage = velocity = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        if (MomentumCoefficient > 0) velocity ??= new double[theta.Length];
        var kernel = new Kernel(this, theta, g);
        Elementwise.Run(ref kernel, theta.Length);
    }

    /// <summary>The algorithm box above, for one element or one vector of elements.</summary>
    private ref struct Kernel(RmsProp rmsProp, Span<double> theta, ReadOnlySpan<double> gradient) : IElementwise
    {
        private readonly Span<double> theta = theta, v = rmsProp.squareAverage;
        private readonly Span<double> gAverage = rmsProp.gradientAverage, b = rmsProp.velocity;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double lr = rmsProp.LearningRate, alpha = rmsProp.Alpha, epsilon = rmsProp.Epsilon;
        private readonly double lambda = rmsProp.WeightDecay, mu = rmsProp.MomentumCoefficient;
        private readonly bool centered = rmsProp.Centered;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (lambda != 0) g += T.Splat(lambda) * p;                               // g ← g + λθ
            T vi = T.Splat(alpha) * T.Load(v, i) + T.Splat(1 - alpha) * g * g;       // v ← αv + (1 − α)g²
            vi.Store(v, i);
            if (centered)
            {
                T average = T.Splat(alpha) * T.Load(gAverage, i) + T.Splat(1 - alpha) * g; // ḡ ← αḡ + (1 − α)g
                average.Store(gAverage, i);
                vi -= average * average;                                              // ṽ ← v − ḡ²
            }
            T denominator = T.Sqrt(vi) + T.Splat(epsilon);
            if (mu > 0)
            {
                T bi = T.Splat(mu) * T.Load(b, i) + g / denominator;                 // b ← μb + g/(√ṽ + ε)
                bi.Store(b, i);
                (p - T.Splat(lr) * bi).Store(theta, i);                              // θ ← θ − γb
            }
            else
            {
                (p - T.Splat(lr) * g / denominator).Store(theta, i);                 // θ ← θ − γg/(√ṽ + ε)
            }
        }
    }
}
