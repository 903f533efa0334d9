namespace Descent.Numerics;

/// <summary>
/// The input check of <see cref="Stats"/>: a non-null, non-empty
/// sequence of finite numbers, copied once so a lazy sequence is enumerated only once.
/// </summary>
internal static class FiniteValues
{
    /// <summary>The values as an array, or an <see cref="ArgumentException"/> naming what is wrong.</summary>
    internal static double[] Of(IEnumerable<double>? values, string name, int atLeast = 1)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        double[] copy = values.ToArray();
        if (copy.Length < atLeast)
            throw new ArgumentException(
                $"{name} has {copy.Length} value(s): the valid range is at least {atLeast} finite number(s).", name);
        for (int i = 0; i < copy.Length; i++)
        {
            // NaN or ±∞ would not fail loudly: MathNet returns NaN and a chart silently drops the point.
            if (!double.IsFinite(copy[i]))
                throw new ArgumentOutOfRangeException(name, copy[i],
                    $"{name}[{i}] = {Require.Show(copy[i])} is out of range: " +
                    "the valid range is (−∞, ∞), finite numbers.");
        }
        return copy;
    }
}
