namespace Descent.Optimizers.Pieces;

/// <summary>
/// The last piece of every chain: turn the direction into a step (optax's <c>scale_by_learning_rate</c>).
/// <code>
/// u ← −η u                    then θ ← θ + u
/// </code>
/// Stateless. η lives here and only here: a <see cref="ComposedOptimizer"/>'s LearningRate reads and
/// writes this piece's, so a schedule that sets the optimizer's η changes what this piece multiplies by.
/// </summary>
public sealed class ScaleByLearningRate : IGradientTransformation
{
    private double learningRate;

    /// <summary>Creates the piece.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (0 is valid, as in PyTorch: the step is then zero).</param>
    public ScaleByLearningRate(double learningRate) => LearningRate = learningRate;

    /// <summary>η, finite and ≥ 0.</summary>
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = Require.NonNegative(value, "learningRate");
    }

    /// <summary>u ← −η u.</summary>
    public void Transform(Span<double> update, ReadOnlySpan<double> gradient)
    {
        StateBuffer.SameLength(update, gradient);
        for (int i = 0; i < update.Length; i++) update[i] *= -learningRate;
    }

    /// <summary>Nothing to forget: η is a setting, not state.</summary>
    public void Reset() { }

    /// <summary>The piece in optax's words, with its settings (invariant culture).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"scale_by_learning_rate(η={LearningRate:G4})");
}
