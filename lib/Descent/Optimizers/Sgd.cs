using System.Numerics;
using System.Runtime.InteropServices;

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
///         if t = 1:  b ← g
///         else:      b ← μb + (1 − τ)g
///         if nesterov:  g ← g + μb
///         else:         g ← b
///     θ ← θ − γg
/// </code>
/// Note PyTorch's form: the velocity b is a sum of gradients and the learning rate multiplies it at
/// the end. The book (Deep Learning from Scratch) keeps v ← μv − ηg, θ ← θ + v instead; the two give
/// the same path while η is constant and differ as soon as η changes between steps.
/// </summary>
public class Sgd : OptimizerBase
{
    private double[]? velocity;

    /// <summary>Creates SGD; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and &gt; 0.</param>
    /// <param name="momentum">μ ≥ 0; 0 is plain SGD.</param>
    /// <param name="dampening">τ in [0, 1]: the share of each new gradient left out of the velocity.</param>
    /// <param name="nesterov">Nesterov momentum; needs μ &gt; 0 and τ = 0 (as in PyTorch).</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty added to the gradient.</param>
    public Sgd(double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(learningRate)
    {
        Momentum = Require.NonNegative(momentum);
        Dampening = Require.ClosedUnitInterval(dampening);
        WeightDecay = Require.NonNegative(weightDecay);
        if (nesterov && momentum <= 0)
            throw new ArgumentException(
                $"nesterov = true needs momentum > 0, but momentum = {Require.Show(momentum)}: valid momentum is in (0, ∞) with Nesterov.",
                nameof(nesterov));
        if (nesterov && dampening != 0)
            throw new ArgumentException(
                $"nesterov = true needs dampening = 0, but dampening = {Require.Show(dampening)}: the valid value is 0 with Nesterov.",
                nameof(nesterov));
        Nesterov = nesterov;
    }

    /// <inheritdoc />
    public override string Name => Nesterov ? "Nesterov" : Momentum > 0 ? "SGD+momentum" : "SGD";

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>τ.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov look-ahead is used.</summary>
    public bool Nesterov { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum buffer b (PyTorch's <c>momentum_buffer</c>); empty without momentum or before the first step.</summary>
    public IReadOnlyList<double> Velocity => View(velocity);

    /// <inheritdoc />
    protected override void AllocateState(int length) => velocity = Momentum != 0 ? new double[length] : null;

    /// <inheritdoc />
    protected override void ClearState() => velocity = null;

    /// <inheritdoc />
    protected override void UpdateScalar(Span<double> theta, ReadOnlySpan<double> gradient, int t) => ScalarRange(theta, gradient, t, 0);

    /// <inheritdoc />
    protected override void UpdateVectorized(Span<double> theta, ReadOnlySpan<double> gradient, int t)
    {
        // The same formula as ScalarRange, Vector<double>.Count parameters at a time, in one pass.
        int n = theta.Length, w = Vector<double>.Count, i = 0;
        var lr = new Vector<double>(LearningRate);
        var mu = new Vector<double>(Momentum);
        var keep = new Vector<double>(1 - Dampening);
        var lambda = new Vector<double>(WeightDecay);
        bool decay = WeightDecay != 0, heavy = Momentum != 0, first = t == 1;
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double gr = ref MemoryMarshal.GetReference(gradient);
        ref double vel = ref heavy ? ref velocity![0] : ref th;
        for (; i <= n - w; i += w)
        {
            var p = Vector.LoadUnsafe(ref th, (nuint)i);
            var g = Vector.LoadUnsafe(ref gr, (nuint)i);
            if (decay) g += lambda * p;
            if (heavy)
            {
                var b = first ? g : mu * Vector.LoadUnsafe(ref vel, (nuint)i) + keep * g;
                b.StoreUnsafe(ref vel, (nuint)i);
                g = Nesterov ? g + mu * b : b;
            }
            (p - lr * g).StoreUnsafe(ref th, (nuint)i);
        }
        ScalarRange(theta, gradient, t, i);
    }

    private void ScalarRange(Span<double> theta, ReadOnlySpan<double> gradient, int t, int from)
    {
        double lr = LearningRate, mu = Momentum, tau = Dampening, lambda = WeightDecay;
        for (int i = from; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (lambda != 0) g += lambda * theta[i];
            if (mu != 0)
            {
                double b = t == 1 ? g : mu * velocity![i] + (1 - tau) * g;
                velocity![i] = b;
                g = Nesterov ? g + mu * b : b;
            }
            theta[i] -= lr * g;
        }
    }
}
