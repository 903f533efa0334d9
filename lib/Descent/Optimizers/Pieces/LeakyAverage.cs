namespace Descent.Optimizers.Pieces;

/// <summary>
/// The one piece momentum, RMSProp and Adam are made of: an exponential moving ("leaky") average
/// <code>
/// a ← βa + (1 − β)x          a gradient k steps back weighs (1 − β)βᵏ
/// â = a / (1 − βᵗ)           bias-corrected: a starts at 0, so early values are too small
/// </code>
/// of the gradient (momentum's piece, Adam's m) or of its square (RMSProp's piece, Adam's v).
/// In optax terms this is <c>trace</c>/<c>ema</c>; chapter 05 builds Adam from two of them.
/// </summary>
public sealed class LeakyAverage
{
    private double[] average = [];

    /// <summary>Creates an average with decay β in [0, 1); <paramref name="ofSquares"/> averages x² instead of x.</summary>
    public LeakyAverage(double beta, bool ofSquares = false)
    {
        Beta = Require.UnitInterval(beta);
        OfSquares = ofSquares;
    }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>Whether x² is averaged.</summary>
    public bool OfSquares { get; }

    /// <summary>t, the number of values added.</summary>
    public int Count { get; private set; }

    /// <summary>a, not bias-corrected.</summary>
    public IReadOnlyList<double> Value => average;

    /// <summary>1 − βᵗ: the total weight the t values so far have in a.</summary>
    public double BiasCorrection => 1 - Math.Pow(Beta, Count);

    /// <summary>â_i = a_i / (1 − βᵗ).</summary>
    public double Corrected(int index) => average[index] / BiasCorrection;

    /// <summary>a ← βa + (1 − β)x (or x²).</summary>
    public void Add(ReadOnlySpan<double> x)
    {
        if (Count == 0) average = new double[x.Length];
        else if (x.Length != average.Length)
            throw new ArgumentException($"x.Length = {x.Length} changed: this average holds {average.Length} values; the valid value is {average.Length}.", nameof(x));
        for (int i = 0; i < x.Length; i++)
        {
            double value = OfSquares ? x[i] * x[i] : x[i];
            average[i] = Beta * average[i] + (1 - Beta) * value;
        }
        Count++;
    }

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        average = [];
        Count = 0;
    }
}
