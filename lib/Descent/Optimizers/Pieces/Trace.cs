namespace Descent.Optimizers.Pieces;

/// <summary>
/// A trace: the running, decaying <em>sum</em> of what it is given. PyTorch's SGD momentum buffer,
/// optax's <c>trace</c>:
/// <code>
/// input: μ (decay), nesterov
/// b₀ ← 0
/// for t = 1, 2, ...
///     b ← μb + g                  (PyTorch writes b ← g at t = 1: the same value, from b₀ = 0)
///     if nesterov:  output g + μb
///     else:         output b
/// </code>
/// <para>
/// A trace is not an average. A gradient k steps back weighs μᵏ, and the weights add up to
/// 1 + μ + μ² + … = 1/(1 − μ): with μ = 0.9 a constant gradient comes out 10 times larger, which is
/// why momentum wants a smaller η than plain SGD. An <see cref="Ema"/> weighs it (1 − β)βᵏ, weights
/// that add up to 1, so a constant comes out unchanged. From zero, with the same decay, a trace is
/// exactly the EMA divided by 1 − μ.
/// </para>
/// </summary>
public sealed class Trace : IGradientTransformation
{
    private double[]? trace;

    /// <summary>Creates a trace.</summary>
    /// <param name="decay">μ ≥ 0, finite (PyTorch's <c>momentum</c>; no upper bound, as in PyTorch).</param>
    /// <param name="nesterov">Output g + μb (the look-ahead) instead of b.</param>
    public Trace(double decay, bool nesterov = false)
    {
        Decay = Require.NonNegative(decay);
        Nesterov = nesterov;
    }

    /// <summary>μ.</summary>
    public double Decay { get; }

    /// <summary>Whether the output is the Nesterov look-ahead g + μb.</summary>
    public bool Nesterov { get; }

    /// <summary>t, the number of inputs added.</summary>
    public int Count { get; private set; }

    /// <summary>b, the trace (PyTorch's <c>momentum_buffer</c>); empty before the first input.</summary>
    public IReadOnlyList<double> Value => StateBuffer.View(trace);

    /// <summary>b ← μb + g.</summary>
    public void Add(ReadOnlySpan<double> g)
    {
        double[] b = StateBuffer.For(ref trace, g.Length, nameof(g), "trace");
        for (int i = 0; i < g.Length; i++) b[i] = Decay * b[i] + g[i];
        Count++;
    }

    /// <summary>As a chain link: adds the incoming update and passes on b (or g + μb with Nesterov).</summary>
    public void Transform(Span<double> update, ReadOnlySpan<double> gradient)
    {
        StateBuffer.SameLength(update, gradient);
        Add(update);
        double[] b = trace!;
        for (int i = 0; i < update.Length; i++)
            update[i] = Nesterov ? update[i] + Decay * b[i] : b[i];
    }

    /// <inheritdoc />
    public void Reset()
    {
        trace = null;
        Count = 0;
    }

    /// <summary>The piece in optax's words, with its settings (invariant culture).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"trace(μ={Decay:G4}{(Nesterov ? ", nesterov" : "")})");
}
