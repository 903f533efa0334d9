namespace Descent.Optimizers.Pieces;

/// <summary>
/// Adam written as "momentum + adaptive learning rate":
/// <code>
/// m = LeakyAverage(β₁) of g         the momentum piece       (chapter 02)
/// v = LeakyAverage(β₂) of g²        the RMSProp piece        (chapter 04)
/// θ ← θ − η · m̂ / (√v̂ + ε)         both bias-corrected
/// </code>
/// It computes exactly what <see cref="Adam"/> computes (tested to 1e-12); the fused class is the
/// one to use, this one is to read.
/// </summary>
public sealed class AdamFromPieces : OptimizerBase
{
    private readonly LeakyAverage momentum;
    private readonly LeakyAverage adaptive;
    private readonly double epsilon;

    /// <summary>Creates it with Adam's defaults.</summary>
    public AdamFromPieces(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(learningRate)
    {
        momentum = new LeakyAverage(beta1);
        adaptive = new LeakyAverage(beta2, ofSquares: true);
        this.epsilon = Require.NonNegative(epsilon);
    }

    /// <inheritdoc />
    public override string Name => "Adam";

    /// <summary>m: the leaky average of g.</summary>
    public LeakyAverage Momentum => momentum;

    /// <summary>v: the leaky average of g².</summary>
    public LeakyAverage Adaptive => adaptive;

    /// <inheritdoc />
    protected override void AllocateState(int length) { }

    /// <inheritdoc />
    protected override void ClearState()
    {
        momentum.Reset();
        adaptive.Reset();
    }

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        momentum.Add(g);
        adaptive.Add(g);
        for (int i = 0; i < theta.Length; i++)
            theta[i] -= LearningRate * momentum.Corrected(i) / (Math.Sqrt(adaptive.Corrected(i)) + epsilon);
    }
}
