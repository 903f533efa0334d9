using Descent.Numerics;

namespace Descent.Tests.Numerics;

public class StatsTests
{
    [Fact]
    public void Mean_and_standard_deviation_by_hand()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        // Σx = 40, n = 8: mean 5; Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, n − 1 = 7.
        Assert.Equal(5, Stats.Mean(x), 15);
        Assert.Equal(Math.Sqrt(32.0 / 7), Stats.StandardDeviation(x), 14);
    }

    [Fact]
    public void Median_of_odd_and_even_counts_by_hand()
    {
        Assert.Equal(2, Stats.Median([3, 1, 2]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
        Assert.Equal(7, Stats.Median([7]));
    }

    [Theory]
    // R7 on {1, 2, 3, 4} (sorted): h = 3p + 1, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
    [InlineData(0.0, 1.0)]    // h = 1
    [InlineData(0.25, 1.75)]  // h = 1.75: 1 + 0.75·(2 − 1)
    [InlineData(0.5, 2.5)]    // h = 2.5
    [InlineData(0.9, 3.7)]    // h = 3.7: 3 + 0.7·(4 − 3)
    [InlineData(1.0, 4.0)]    // h = 4
    public void Quantile_is_linear_interpolation_R7(double p, double expected)
    {
        Assert.Equal(expected, Stats.Quantile([4, 2, 1, 3], p), 14);
    }

    [Fact]
    public void Median_equals_the_half_quantile()
    {
        double[] x = [0.3, -1.2, 5.5, 2.0, 2.0, 9.1];
        Assert.Equal(Stats.Quantile(x, 0.5), Stats.Median(x), 15);
    }

    [Fact]
    public void Empty_null_nan_and_infinite_input_is_refused_with_the_parameter_value_and_range()
    {
        var empty = Assert.Throws<ArgumentException>(() => Stats.Median([]));
        Assert.Equal("values", empty.ParamName);
        Assert.Contains("values has 0 value(s)", empty.Message);
        Assert.Contains("at least 1 finite number", empty.Message);

        var one = Assert.Throws<ArgumentException>(() => Stats.StandardDeviation([1.0]));
        Assert.Contains("at least 2 finite number", one.Message);

        var none = Assert.Throws<ArgumentNullException>(() => Stats.Mean(null!));
        Assert.Equal("values", none.ParamName);

        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Stats.Quantile([1, double.NaN, 3], 0.5));
        Assert.Equal("values", nan.ParamName);
        Assert.Contains("values[1] = NaN is out of range", nan.Message);
        Assert.Contains("finite numbers", nan.Message);

        var infinite = Assert.Throws<ArgumentOutOfRangeException>(() => Stats.Mean([1, 2, double.PositiveInfinity]));
        Assert.Contains("values[2] = Infinity is out of range", infinite.Message);   // Require.Show spelling

        var level = Assert.Throws<ArgumentOutOfRangeException>(() => Stats.Quantile([1, 2], 1.5));
        Assert.Equal("p", level.ParamName);
        Assert.Contains("[0, 1]", level.Message);
    }
}
