using MathNet.Numerics.Statistics;

namespace Descent.Numerics;

/// <summary>
/// What several runs of the same experiment (one per seed) did at each step: the median across the
/// runs and a band from a lower to an upper quantile (R7, as <see cref="Stats.Quantile"/>), for
/// the "several seeds with a band" charts. Unlike a mean with min/max, one unlucky seed moves
/// neither the median nor an interquartile band much.
/// </summary>
/// <param name="LowerLevel">The level of <paramref name="Lower"/>, e.g. 0.25.</param>
/// <param name="UpperLevel">The level of <paramref name="Upper"/>, e.g. 0.75.</param>
/// <param name="Lower">The <paramref name="LowerLevel"/>-quantile across the runs at each step.</param>
/// <param name="Median">The median across the runs at each step.</param>
/// <param name="Upper">The <paramref name="UpperLevel"/>-quantile across the runs at each step.</param>
public sealed record Band(double LowerLevel, double UpperLevel, double[] Lower, double[] Median, double[] Upper)
{
    /// <summary>How many steps the band covers (the common length of the runs).</summary>
    public int Steps => Median.Length;

    /// <summary>
    /// The per-step median and [<paramref name="lower"/>, <paramref name="upper"/>] quantiles across
    /// <paramref name="runs"/> (e.g. the losses of one optimizer trained with five seeds). All runs
    /// must have the same length: a run that diverged stopped early, so drop it or cut every run to
    /// the shortest yourself; the band never does that silently.
    /// </summary>
    /// <param name="runs">At least one run; each a non-empty list of finite numbers, all of one length.</param>
    /// <param name="lower">The lower quantile level, in [0, 1]; 0.25 (lower quartile) by default.</param>
    /// <param name="upper">The upper quantile level, in [<paramref name="lower"/>, 1]; 0.75 by default.</param>
    public static Band Across(IEnumerable<IReadOnlyList<double>> runs, double lower = 0.25, double upper = 0.75)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Require.ClosedUnitInterval(lower);
        if (!(upper >= lower && upper <= 1))
            throw Require.OutOfRange(nameof(upper), upper, $"[{Require.Show(lower)}, 1]: from lower up to 1");
        double[][] columns = Columns(runs.ToArray());
        int steps = columns.Length;
        var (low, median, high) = (new double[steps], new double[steps], new double[steps]);
        for (int t = 0; t < steps; t++)
        {
            double[] sorted = columns[t];
            Array.Sort(sorted);
            low[t] = SortedArrayStatistics.QuantileCustom(sorted, lower, QuantileDefinition.R7);
            median[t] = SortedArrayStatistics.Median(sorted);
            high[t] = SortedArrayStatistics.QuantileCustom(sorted, upper, QuantileDefinition.R7);
        }
        return new Band(lower, upper, low, median, high);
    }

    /// <summary>Transposes runs × steps into steps × runs, checking every value on the way.</summary>
    private static double[][] Columns(IReadOnlyList<double>[] runs)
    {
        const string name = "runs";
        if (runs.Length == 0)
            throw new ArgumentException($"{name} is empty: the valid range is at least 1 run.", name);
        for (int i = 0; i < runs.Length; i++)
        {
            if (runs[i] is null)
                throw new ArgumentException($"{name}[{i}] is null: valid runs are lists of finite numbers.", name);
            if (runs[i].Count == 0 || runs[i].Count != runs[0].Count)
                throw new ArgumentException($"{name}[{i}] has {runs[i].Count} values and {name}[0] has " +
                    $"{runs[0].Count}: valid runs all have the same length ≥ 1 (drop a run that diverged early, " +
                    "or cut every run to the shortest).", name);
        }
        var columns = new double[runs[0].Count][];
        for (int t = 0; t < columns.Length; t++)
        {
            columns[t] = new double[runs.Length];
            for (int i = 0; i < runs.Length; i++)
            {
                double value = runs[i][t];
                if (!double.IsFinite(value))
                    throw new ArgumentOutOfRangeException(name, value, $"{name}[{i}][{t}] = {Require.Show(value)} " +
                        "is out of range: the valid range is (−∞, ∞), finite numbers (did that run diverge?).");
                columns[t][i] = value;
            }
        }
        return columns;
    }
}
