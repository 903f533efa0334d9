namespace Descent.Optimizers.Pieces;

/// <summary>
/// Pieces applied one after the other (optax's <c>chain</c>): the output update of one is the input
/// of the next, and every piece also sees the step's gradient.
/// <code>
/// u ← T₁(u, g);  u ← T₂(u, g);  …;  u ← Tₙ(u, g)
/// </code>
/// A chain is itself a piece, so chains nest.
/// </summary>
public sealed class Chain : IGradientTransformation
{
    private readonly IGradientTransformation[] transformations;

    /// <summary>Chains <paramref name="transformations"/>, applied in the order given.</summary>
    public Chain(params IGradientTransformation[] transformations)
    {
        ArgumentNullException.ThrowIfNull(transformations);
        if (transformations.Length == 0)
            throw new ArgumentException(
                "transformations.Length = 0 is out of range: the valid range is [1, ∞).", nameof(transformations));
        for (int i = 0; i < transformations.Length; i++)
            if (transformations[i] is null)
                throw new ArgumentException($"transformations[{i}] is null: every piece must be given (valid pieces are not null).",
                    nameof(transformations));
        this.transformations = [.. transformations];
    }

    /// <summary>The pieces, in the order they run.</summary>
    public IReadOnlyList<IGradientTransformation> Transformations => transformations;

    /// <summary>Runs every piece on <paramref name="update"/> in turn.</summary>
    public void Transform(Span<double> update, ReadOnlySpan<double> gradient)
    {
        StateBuffer.SameLength(update, gradient);
        foreach (var piece in transformations) piece.Transform(update, gradient);
    }

    /// <summary>Resets every piece.</summary>
    public void Reset()
    {
        foreach (var piece in transformations) piece.Reset();
    }

    /// <summary>The chain in optax's words: chain(piece, piece, …).</summary>
    public override string ToString() => $"chain({string.Join(", ", transformations.Select(p => p.ToString()))})";
}
