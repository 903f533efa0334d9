namespace Descent.Optimizers.Pieces;

/// <summary>
/// The adaptive rate of RMSProp and Adam: divide the update by the root of an <see cref="Ema"/> of g².
/// <code>
/// input: β (decay), ε, debias
/// for t = 1, 2, ...
///     v ← βv + (1 − β)g²          g is the step's gradient, whatever the update is by now
///     v̂ ← v / (1 − βᵗ) if debias, else v
///     u ← u / (√v̂ + ε)
/// </code>
/// Where ε goes matters for PyTorch parity, and this one form covers both optimizers: RMSProp's
/// update is still g, so it computes g / (√v + ε); in Adam the update is already m̂, so it computes
/// m̂ / (√v̂ + ε), bias correction inside the root and ε outside, as <c>torch.optim.Adam</c> does.
/// (optax's <c>scale_by_rms</c> puts ε inside the root, u / √(v + ε), which is not PyTorch's RMSProp.)
/// </summary>
public sealed class ScaleByRms : IGradientTransformation
{
    private double[]? squares;

    /// <summary>Creates the piece.</summary>
    /// <param name="decay">β in [0, 1): RMSProp's α, Adam's β₂.</param>
    /// <param name="epsilon">ε ≥ 0, added to √v̂.</param>
    /// <param name="debias">Divide by √v̂ with v̂ = v/(1 − βᵗ) (Adam) instead of √v (RMSProp).</param>
    public ScaleByRms(double decay, double epsilon = 1e-8, bool debias = false)
    {
        SquareAverage = new Ema(decay, debias);
        Epsilon = Require.NonNegative(epsilon);
    }

    /// <summary>v, the EMA of g² (PyTorch's <c>square_avg</c> / <c>exp_avg_sq</c>); its Decay is β.</summary>
    public Ema SquareAverage { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>u ← u / (√v̂ + ε), after adding g² to v.</summary>
    public void Transform(Span<double> update, ReadOnlySpan<double> gradient)
    {
        StateBuffer.SameLength(update, gradient);
        double[] gSquared = StateBuffer.For(ref squares, gradient.Length, nameof(gradient), "RMS scaling");
        // Both length checks (the scratch buffer's, then the EMA's) come before either writes.
        for (int i = 0; i < gradient.Length; i++) gSquared[i] = gradient[i] * gradient[i];
        SquareAverage.Add(gSquared);
        double[] v = SquareAverage.State;
        double correction = SquareAverage.Debias ? SquareAverage.BiasCorrection : 1;
        for (int i = 0; i < update.Length; i++)
            update[i] /= Math.Sqrt(v[i] / correction) + Epsilon;
    }

    /// <inheritdoc />
    public void Reset()
    {
        SquareAverage.Reset();
        squares = null;
    }

    /// <summary>The piece in optax's words, with its settings (invariant culture).</summary>
    public override string ToString() =>
        FormattableString.Invariant(
            $"scale_by_rms(β={SquareAverage.Decay:G4}, ε={Epsilon:G4}{(SquareAverage.Debias ? ", debias" : "")})");
}
