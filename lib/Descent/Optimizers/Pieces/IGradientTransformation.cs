namespace Descent.Optimizers.Pieces;

/// <summary>
/// One small piece of an optimizer, in the style of optax's <c>GradientTransformation</c>: it turns
/// the update flowing down a <see cref="Chain"/> into the next update, keeping its own explicit state
/// (an average, a trace) that it allocates on first use.
/// <code>
/// u ← g                              the chain starts from the gradient
/// u ← piece₁(u, g), piece₂(u, g) …   each piece rewrites u
/// θ ← θ + u                          the last piece (the learning rate) has made it a step
/// </code>
/// Pieces also see the step's gradient g itself, because some need it whatever came before them:
/// Adam's adaptive rate averages g², not the square of the momentum that precedes it in the chain.
/// </summary>
public interface IGradientTransformation
{
    /// <summary>
    /// Rewrites <paramref name="update"/> in place. <paramref name="gradient"/> is the step's gradient
    /// (the same length); a piece validates everything before it changes its state.
    /// </summary>
    void Transform(Span<double> update, ReadOnlySpan<double> gradient);

    /// <summary>Forgets all state: the next call is a first call again (for any length).</summary>
    void Reset();
}
