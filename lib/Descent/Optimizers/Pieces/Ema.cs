namespace Descent.Optimizers.Pieces;

/// <summary>
/// An exponential moving average (EMA): optax's <c>ema</c>, Adam's m (of g) and v (of g²), RMSProp's v.
/// <code>
/// input: β (decay), debias
/// a₀ ← 0
/// for t = 1, 2, ...
///     a ← βa + (1 − β)x           x is g, or g² when the caller squares it
///     â ← a / (1 − βᵗ)            bias-corrected: a starts at 0, so early values are too small
///     output â if debias, else a
/// </code>
/// A value k steps back weighs (1 − β)βᵏ: the weights of the t values so far add up to 1 − βᵗ
/// (hence the correction) and tend to 1, so an EMA of a constant is that constant. Contrast
/// <see cref="Trace"/>, whose weights add up to 1/(1 − μ). The EMA never squares anything itself:
/// whoever wants an average of g² (see <see cref="ScaleByRms"/>) squares g and says so.
/// </summary>
public sealed class Ema : IGradientTransformation
{
    private double[]? average;

    /// <summary>Creates an EMA.</summary>
    /// <param name="decay">β in [0, 1).</param>
    /// <param name="debias">As a chain link, pass on â = a/(1 − βᵗ) instead of a (optax's <c>debias</c>).</param>
    public Ema(double decay, bool debias = false)
    {
        Decay = Require.UnitInterval(decay);
        Debias = debias;
    }

    /// <summary>β.</summary>
    public double Decay { get; }

    /// <summary>Whether a chain gets the bias-corrected â.</summary>
    public bool Debias { get; }

    /// <summary>t, the number of inputs added.</summary>
    public int Count { get; private set; }

    /// <summary>a, not bias-corrected; empty before the first input.</summary>
    public IReadOnlyList<double> Value => StateBuffer.View(average);

    /// <summary>a itself, for the pieces built on this one (after the first input).</summary>
    internal double[] State => average!;

    /// <summary>1 − βᵗ: the total weight the t inputs so far have in a (0 before the first).</summary>
    public double BiasCorrection => 1 - Math.Pow(Decay, Count);

    /// <summary>âᵢ = aᵢ / (1 − βᵗ).</summary>
    public double Corrected(int index) =>
        average is null
            ? throw new InvalidOperationException("This EMA has no value yet: Add an input first.")
            : average[Require.Index(index, average.Length)] / BiasCorrection;

    /// <summary>a ← βa + (1 − β)x.</summary>
    public void Add(ReadOnlySpan<double> x)
    {
        double[] a = StateBuffer.For(ref average, x.Length, nameof(x), "EMA");
        for (int i = 0; i < x.Length; i++) a[i] = Decay * a[i] + (1 - Decay) * x[i];
        Count++;
    }

    /// <summary>As a chain link: averages the incoming update and passes on â (or a without debias).</summary>
    public void Transform(Span<double> update, ReadOnlySpan<double> gradient)
    {
        StateBuffer.SameLength(update, gradient);
        Add(update);
        double[] a = average!;
        double correction = Debias ? BiasCorrection : 1;
        for (int i = 0; i < update.Length; i++) update[i] = a[i] / correction;
    }

    /// <inheritdoc />
    public void Reset()
    {
        average = null;
        Count = 0;
    }

    /// <summary>The piece in optax's words, with its settings (invariant culture).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"ema(β={Decay:G4}{(Debias ? ", debias" : "")})");
}
