using System.Numerics;
using System.Runtime.InteropServices;

namespace Descent.Optimizers;

/// <summary>
/// AdaGrad: every parameter gets its own learning rate, shrunk by the sum of all its squared
/// gradients so far. Follows <c>torch.optim.Adagrad</c>:
/// <code>
/// input: γ (lr), θ₀, f, λ (weight decay), τ (initial accumulator value), η (lr decay), ε
/// h₀ ← τ
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     γ̃ ← γ / (1 + (t − 1)η)
///     if λ ≠ 0:  g ← g + λθ
///     h ← h + g²
///     θ ← θ − γ̃ g / (√h + ε)
/// </code>
/// h only grows, so the effective rate γ̃/(√h + ε) only shrinks: the weakness RMSProp fixes.
/// </summary>
public sealed class AdaGrad : OptimizerBase
{
    private double[]? sumOfSquares;

    /// <summary>Creates AdaGrad; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and &gt; 0.</param>
    /// <param name="learningRateDecay">η ≥ 0.</param>
    /// <param name="weightDecay">λ ≥ 0 (L2 penalty added to the gradient).</param>
    /// <param name="initialAccumulatorValue">τ ≥ 0, the starting value of h.</param>
    /// <param name="epsilon">ε ≥ 0, added to √h.</param>
    public AdaGrad(double learningRate = 0.01, double learningRateDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double epsilon = 1e-10)
        : base(learningRate)
    {
        LearningRateDecay = Require.NonNegative(learningRateDecay);
        WeightDecay = Require.NonNegative(weightDecay);
        InitialAccumulatorValue = Require.NonNegative(initialAccumulatorValue);
        Epsilon = Require.NonNegative(epsilon);
    }

    /// <inheritdoc />
    public override string Name => "AdaGrad";

    /// <summary>η.</summary>
    public double LearningRateDecay { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>τ.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>h, the running sum of squared gradients (PyTorch's <c>sum</c>); empty before the first step.</summary>
    public IReadOnlyList<double> SumOfSquares => View(sumOfSquares);

    /// <summary>The per-parameter step size γ̃/(√h + ε) that the last step used.</summary>
    public double EffectiveLearningRate(int index) =>
        LearningRate / (1 + Math.Max(StepCount - 1, 0) * LearningRateDecay) / (Math.Sqrt(sumOfSquares![index]) + Epsilon);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        sumOfSquares = new double[length];
        Array.Fill(sumOfSquares, InitialAccumulatorValue);
    }

    /// <inheritdoc />
    protected override void ClearState() => sumOfSquares = null;

    /// <inheritdoc />
    protected override void UpdateScalar(Span<double> theta, ReadOnlySpan<double> gradient, int t) => ScalarRange(theta, gradient, t, 0);

    /// <inheritdoc />
    protected override void UpdateVectorized(Span<double> theta, ReadOnlySpan<double> gradient, int t)
    {
        int n = theta.Length, w = Vector<double>.Count, i = 0;
        var decayedLr = new Vector<double>(LearningRate / (1 + (t - 1) * LearningRateDecay));
        var lambda = new Vector<double>(WeightDecay);
        var eps = new Vector<double>(Epsilon);
        bool decay = WeightDecay != 0;
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double gr = ref MemoryMarshal.GetReference(gradient);
        ref double hr = ref sumOfSquares![0];
        for (; i <= n - w; i += w)
        {
            var p = Vector.LoadUnsafe(ref th, (nuint)i);
            var g = Vector.LoadUnsafe(ref gr, (nuint)i);
            if (decay) g += lambda * p;
            var h = Vector.LoadUnsafe(ref hr, (nuint)i) + g * g;
            h.StoreUnsafe(ref hr, (nuint)i);
            (p - decayedLr * g / (Vector.SquareRoot(h) + eps)).StoreUnsafe(ref th, (nuint)i);
        }
        ScalarRange(theta, gradient, t, i);
    }

    private void ScalarRange(Span<double> theta, ReadOnlySpan<double> gradient, int t, int from)
    {
        double decayedLr = LearningRate / (1 + (t - 1) * LearningRateDecay);
        double lambda = WeightDecay, eps = Epsilon;
        double[] h = sumOfSquares!;
        for (int i = from; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (lambda != 0) g += lambda * theta[i];
            h[i] += g * g;
            theta[i] -= decayedLr * g / (Math.Sqrt(h[i]) + eps);
        }
    }
}
