using System.Runtime.CompilerServices;
using Descent.Optimizers.Kernels;

namespace Descent.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov and L2 weight decay,
/// following <c>torch.optim.SGD</c>:
/// <code>
/// input: γ (lr), θ₀, f, λ (weight decay), μ (momentum), τ (dampening), nesterov
/// for t = 1, 2, ...
///     g ← ∇f(θ)
///     if λ ≠ 0:  g ← g + λθ
///     if μ ≠ 0:
///         if b is empty:  b ← g             (the first step with momentum)
///         else:      b ← μb + (1 − τ)g
///         if nesterov:  g ← g + μb
///         else:         g ← b
///     θ ← θ − γg
/// </code>
/// Note PyTorch's form: the velocity b is a sum of gradients and the learning rate multiplies it at
/// the end. The book (Deep Learning from Scratch) keeps v ← μv − ηg, θ ← θ + v instead; the two give
/// the same path while η is constant and differ as soon as η changes between steps.
/// The code mirrors PyTorch's arithmetic operation for operation. Measured against PyTorch 1.13's own
/// numbers (every step of every SGD reference case in tests/Descent.Tests/Reference): largest relative
/// difference 2.7e-16, one or two units in the last place, where PyTorch's vector kernels fuse a
/// multiply-add; the tests hold it to 1e-12.
/// </summary>
public class Sgd : OptimizerBase, IHasMomentum
{
    private double[]? velocity;
    private double momentum;

    /// <summary>Creates SGD; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="momentum">μ ≥ 0; 0 is plain SGD.</param>
    /// <param name="dampening">τ in [0, 1]: the share of each new gradient left out of the velocity.</param>
    /// <param name="nesterov">Nesterov momentum; needs μ &gt; 0 and τ = 0 (as in PyTorch).</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty added to the gradient.</param>
    public Sgd(double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(learningRate)
    {
        Require.NonNegative(momentum);
        if (nesterov && momentum <= 0)
            throw new ArgumentException(
                $"nesterov = true needs momentum > 0, but momentum = {Require.Show(momentum)}: valid momentum is in (0, ∞) with Nesterov.",
                nameof(nesterov));
        Dampening = Require.ClosedUnitInterval(dampening);
        WeightDecay = Require.NonNegative(weightDecay);
        if (nesterov && dampening != 0)
            throw new ArgumentException(
                $"nesterov = true needs dampening = 0, but dampening = {Require.Show(dampening)}: the valid value is 0 with Nesterov.",
                nameof(nesterov));
        Nesterov = nesterov;
        MomentumCoefficient = momentum;
    }

    /// <inheritdoc />
    public override string Name => Nesterov ? "Nesterov" : MomentumCoefficient > 0 ? "SGD+momentum" : "SGD";

    /// <summary>
    /// μ ≥ 0 (&gt; 0 with Nesterov). A schedule may change it between steps (OneCycle's momentum
    /// cycling); the velocity starts, b ← g, at the first step that has μ ≠ 0, as in PyTorch.
    /// </summary>
    public double MomentumCoefficient
    {
        get => momentum;
        set
        {
            Require.NonNegative(value, "momentum");
            if (Nesterov && value <= 0)
                throw new ArgumentOutOfRangeException("momentum", value,
                    $"momentum = {Require.Show(value)} is out of range: with nesterov = true the valid range is (0, ∞).");
            momentum = value;
        }
    }

    /// <summary>τ.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov look-ahead is used.</summary>
    public bool Nesterov { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum buffer b (PyTorch's <c>momentum_buffer</c>); empty without momentum or before the first step.</summary>
    public IReadOnlyList<double> Velocity => View(velocity);

    /// <inheritdoc />
    protected override void AllocateState(int length) { }

    /// <inheritdoc />
    protected override void ClearState() => velocity = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        bool first = false;
        if (MomentumCoefficient != 0 && velocity is null)
        {
            velocity = new double[theta.Length];
            first = true;
        }
        var kernel = new Kernel(this, theta, g, first);
        Elementwise.Run(ref kernel, theta.Length);
    }

    /// <summary>The algorithm box above, for one element or one vector of elements.</summary>
    private ref struct Kernel(Sgd sgd, Span<double> theta, ReadOnlySpan<double> gradient, bool first) : IElementwise
    {
        private readonly Span<double> theta = theta, b = sgd.velocity;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly double lr = sgd.LearningRate, mu = sgd.MomentumCoefficient, keep = 1 - sgd.Dampening;
        private readonly double lambda = sgd.WeightDecay;
        private readonly bool heavy = sgd.MomentumCoefficient != 0, nesterov = sgd.Nesterov, first = first;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // one loop body per width, no call per vector
        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T p = T.Load(theta, i), g = T.Load(gradient, i);
            if (lambda != 0) g += T.Splat(lambda) * p;                          // g ← g + λθ
            if (heavy)
            {
                T bi = first ? g : T.Splat(mu) * T.Load(b, i) + T.Splat(keep) * g; // b ← μb + (1 − τ)g
                bi.Store(b, i);
                g = nesterov ? g + T.Splat(mu) * bi : bi;
            }
            (p - T.Splat(lr) * g).Store(theta, i);                              // θ ← θ − γg
        }
    }
}
