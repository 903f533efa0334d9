using MathNet.Numerics.Statistics;

namespace Descent.Numerics;

/// <summary>
/// Summary statistics of a sample (final losses over seeds, a noisy tail of a run), computed by
/// MathNet.Numerics' <see cref="Statistics"/>. Every method rejects a null or empty sequence and any
/// NaN or ±∞ in it with an <see cref="ArgumentException"/> that names the parameter, the offending
/// index and value, and the valid range, instead of returning NaN.
/// </summary>
public static class Stats
{
    /// <summary>The arithmetic mean (x₁ + … + xₙ)/n of at least one finite value.</summary>
    /// <param name="values">The sample; not empty, finite numbers only.</param>
    public static double Mean(IEnumerable<double> values) =>
        Statistics.Mean(FiniteValues.Of(values, nameof(values)));

    /// <summary>
    /// The sample standard deviation √(Σ(xᵢ − x̄)²/(n − 1)) (Bessel's n − 1, as <c>torch.std</c>'s
    /// default), so it needs at least two values.
    /// </summary>
    /// <param name="values">The sample; at least two finite numbers.</param>
    public static double StandardDeviation(IEnumerable<double> values) =>
        Statistics.StandardDeviation(FiniteValues.Of(values, nameof(values), atLeast: 2));

    /// <summary>
    /// The median: the middle value of the sorted sample, or the mean of the two middle ones when
    /// n is even. This equals <see cref="Quantile"/>(values, 0.5).
    /// </summary>
    /// <param name="values">The sample; not empty, finite numbers only.</param>
    public static double Median(IEnumerable<double> values) =>
        Statistics.Median(FiniteValues.Of(values, nameof(values)));

    /// <summary>
    /// The p-quantile by linear interpolation between order statistics, definition R7 of Hyndman and
    /// Fan (MathNet's <see cref="QuantileDefinition.R7"/>): with the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎
    /// and h = (n − 1)p + 1, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). It is the default of
    /// <c>torch.quantile</c>, <c>numpy.quantile</c>, R and Excel's PERCENTILE.INC; Q(0) is the
    /// minimum and Q(1) the maximum.
    /// </summary>
    /// <param name="values">The sample; not empty, finite numbers only.</param>
    /// <param name="p">The level, in [0, 1] (0.25 is the lower quartile).</param>
    public static double Quantile(IEnumerable<double> values, double p)
    {
        Require.ClosedUnitInterval(p);
        return Statistics.QuantileCustom(FiniteValues.Of(values, nameof(values)), p, QuantileDefinition.R7);
    }
}
