using Descent.Numerics;

namespace Descent.Tests.Numerics;

public class BandTests
{
    // Five seeds, three steps. Sorted columns: step 0 {1, 2, 3, 4, 100}, step 1 {0, 1, 2, 3, 4},
    // step 2 {5, 5, 5, 5, 5}. R7 with n = 5: h = 4p + 1, so p = 0.25 → h = 2 (2nd value),
    // p = 0.5 → 3rd, p = 0.75 → 4th; p = 0.1 → h = 1.4: x₁ + 0.4(x₂ − x₁).
    private static readonly double[][] Runs =
    [
        [100, 4, 5],
        [1, 0, 5],
        [3, 2, 5],
        [2, 1, 5],
        [4, 3, 5],
    ];

    [Fact]
    public void Median_and_quartiles_per_step_by_hand()
    {
        var band = Band.Across(Runs);
        Assert.Equal(3, band.Steps);
        Assert.Equal([2.0, 1, 5], band.Lower);
        Assert.Equal([3.0, 2, 5], band.Median);
        Assert.Equal([4.0, 3, 5], band.Upper);
        Assert.Equal((0.25, 0.75), (band.LowerLevel, band.UpperLevel));
    }

    [Fact]
    public void Other_levels_interpolate()
    {
        var band = Band.Across(Runs, lower: 0.1, upper: 1);
        Assert.Equal(1 + 0.4 * (2 - 1), band.Lower[0], 14);
        Assert.Equal(0 + 0.4 * (1 - 0), band.Lower[1], 14);
        Assert.Equal([100.0, 4, 5], band.Upper);
    }

    [Fact]
    public void One_outlying_seed_does_not_move_the_median_as_it_moves_the_mean()
    {
        var band = Band.Across(Runs);
        double meanAtStep0 = Runs.Average(r => r[0]);   // (100 + 1 + 3 + 2 + 4)/5 = 22
        Assert.Equal(22, meanAtStep0, 12);
        Assert.Equal(3, band.Median[0]);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_parameter_value_and_range()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentNullException>(() => Band.Across(null!)).ParamName);

        var none = Assert.Throws<ArgumentException>(() => Band.Across([]));
        Assert.Contains("runs is empty", none.Message);

        var ragged = Assert.Throws<ArgumentException>(() => Band.Across([[1, 2, 3], [1, 2]]));
        Assert.Equal("runs", ragged.ParamName);
        Assert.Contains("runs[1] has 2 values and runs[0] has 3", ragged.Message);

        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Band.Across([[1, 2], [1, double.NaN]]));
        Assert.Contains("runs[1][1] = NaN is out of range", nan.Message);

        var lower = Assert.Throws<ArgumentOutOfRangeException>(() => Band.Across(Runs, lower: -0.1));
        Assert.Equal("lower", lower.ParamName);
        Assert.Contains("[0, 1]", lower.Message);

        var upper = Assert.Throws<ArgumentOutOfRangeException>(() => Band.Across(Runs, lower: 0.6, upper: 0.4));
        Assert.Equal("upper", upper.ParamName);
        Assert.Contains("upper = 0.4 is out of range: the valid range is [0.6, 1]", upper.Message);
    }
}
