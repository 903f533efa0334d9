using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// Adadelta: RMSProp's moving average of g² in the denominator, and a moving average of the squared
/// updates in the numerator, so that the step has the units of θ and needs no learning rate (η = 1).
/// Follows <c>torch.optim.Adadelta</c>:
/// <code>
/// input: γ (lr, 1 by default), ρ, θ₀, f, λ (weight decay), ε
/// v₀ ← 0, u₀ ← 0
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  g ← g + λθ
///     v ← ρv + (1 − ρ)g²
///     Δ ← √(u + ε) / √(v + ε) · g
///     u ← ρu + (1 − ρ)Δ²
///     θ ← θ − γΔ
/// </code>
/// The code mirrors PyTorch's arithmetic; the parity tests hold it to PyTorch 1.13's numbers within
/// 1e-12 relative.
/// </summary>
public sealed class Adadelta : OptimizerBase
{
    private double[]? squareAverage;
    private double[]? deltaAverage;

    /// <summary>Creates Adadelta; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0 (1: the algorithm as published, with no rate).</param>
    /// <param name="rho">ρ in [0, 1), the decay of both moving averages.</param>
    /// <param name="epsilon">ε ≥ 0, inside both square roots.</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty added to the gradient.</param>
    public Adadelta(double learningRate = 1.0, double rho = 0.9, double epsilon = 1e-6, double weightDecay = 0)
        : base(learningRate)
    {
        Rho = Require.UnitInterval(rho);
        Epsilon = Require.NonNegative(epsilon);
        WeightDecay = Require.NonNegative(weightDecay);
    }

    /// <inheritdoc />
    public override string Name => "Adadelta";

    /// <summary>ρ.</summary>
    public double Rho { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>v, the moving average of g² (PyTorch's <c>square_avg</c>).</summary>
    public IReadOnlyList<double> SquareAverage => View(squareAverage);

    /// <summary>u, the moving average of the squared updates Δ² (PyTorch's <c>acc_delta</c>).</summary>
    public IReadOnlyList<double> DeltaAverage => View(deltaAverage);

    /// <inheritdoc />
    protected override void AllocateState(int length)
    {
        squareAverage = new double[length];
        deltaAverage = new double[length];
    }

    /// <inheritdoc />
    protected override void ClearState() => squareAverage = deltaAverage = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        var kernel = new Kernel(this, theta, g);
        Elementwise.Run(ref kernel, theta.Length);
    }

    private ref struct Kernel(Adadelta adadelta, Span<double> theta, ReadOnlySpan<double> gradient) : IElementwise
    {
        private readonly Span<double> theta = theta, v = adadelta.squareAverage, u = adadelta.deltaAverage;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double lr = adadelta.LearningRate, rho = adadelta.Rho, epsilon = adadelta.Epsilon;
        private readonly double lambda = adadelta.WeightDecay;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (lambda != 0) g += T.Splat(lambda) * p;                            // g ← g + λθ
            T vi = T.Splat(rho) * T.Load(v, i) + T.Splat(1 - rho) * g * g;        // v ← ρv + (1 − ρ)g²
            T eps = T.Splat(epsilon);
            T delta = T.Sqrt(T.Load(u, i) + eps) / T.Sqrt(vi + eps) * g;           // Δ ← √(u + ε)/√(v + ε) · g
            T ui = T.Splat(rho) * T.Load(u, i) + T.Splat(1 - rho) * delta * delta; // u ← ρu + (1 − ρ)Δ²
            vi.Store(v, i);
            ui.Store(u, i);
            (p - T.Splat(lr) * delta).Store(theta, i);                             // θ ← θ − γΔ
        }
    }
}
