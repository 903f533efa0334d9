using System.Globalization;
using Descent.Landscapes;
using Descent.Notebook;

namespace Descent.Tests.Notebook;

[Collection("console")]
public class CheckTests
{
    [Fact]
    public void Less_passes_and_prints_both_numbers()
    {
        string line = ConsoleCapture.Of(() => Check.Less(0.012345, 2.5, "loss after training vs before"));
        Assert.Equal("✔ loss after training vs before: 0.01235 < 2.5", line.TrimEnd());
    }

    [Fact]
    public void Less_fails_with_both_numbers_in_the_message()
    {
        var failure = Assert.Throws<CheckFailedException>(() => Check.Less(3, 2, "steps of Adam vs SGD"));
        Assert.Equal("✘ check failed: steps of Adam vs SGD: 3 < 2 does not hold", failure.Message);
        Assert.Throws<CheckFailedException>(() => Check.Less(2, 2, "equal is not less"));
        Assert.Throws<CheckFailedException>(() => Check.Less(double.NaN, 2, "NaN is not less"));
    }

    [Fact]
    public void Greater_passes_and_fails_as_its_sign_says()
    {
        Assert.Equal("✔ a: 5 > 4.999", ConsoleCapture.Of(() => Check.Greater(5, 4.999, "a")).TrimEnd());
        Assert.Throws<CheckFailedException>(() => Check.Greater(4.999, 5, "b"));
        Assert.Throws<CheckFailedException>(() => Check.Greater(5, 5, "c"));
    }

    [Fact]
    public void Between_includes_both_ends_and_prints_all_three_numbers()
    {
        Assert.Equal("✔ ρ: 0 ≤ 0 ≤ 1", ConsoleCapture.Of(() => Check.Between(0, 0, 1, "ρ")).TrimEnd());
        Assert.Equal("✔ ρ: 0 ≤ 1 ≤ 1", ConsoleCapture.Of(() => Check.Between(1, 0, 1, "ρ")).TrimEnd());
        var failure = Assert.Throws<CheckFailedException>(() => Check.Between(1.5, 0, 1, "ρ"));
        Assert.Contains("0 ≤ 1.5 ≤ 1 does not hold", failure.Message);
        Assert.Throws<CheckFailedException>(() => Check.Between(double.NaN, 0, 1, "ρ"));
        Assert.Throws<ArgumentException>(() => Check.Between(0.5, 1, 0, "reversed bounds"));
    }

    [Fact]
    public void Numbers_use_the_format_asked_for_and_the_invariant_culture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a comma as decimal separator
        try
        {
            Assert.Equal("✔ x: 1.235 < 2", ConsoleCapture.Of(() => Check.Less(1.23456, 2, "x")).TrimEnd());
            Assert.Equal("✔ x: 1.23456 < 2.00000", ConsoleCapture.Of(() => Check.Less(1.23456, 2, "x", "F5")).TrimEnd());
            Assert.Equal("✔ x: −∞ < ∞", ConsoleCapture.Of(() => Check.Less(double.NegativeInfinity, double.PositiveInfinity, "x")).TrimEnd());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    // |a − b| ≤ tol · max(|b|, 1): relative for large b, absolute (floor 1) for small b.
    [InlineData(1000.0, 1001.0, 1e-3, true)]
    [InlineData(1000.0, 1001.1, 1e-3, false)]
    [InlineData(0.0, 1e-3, 1e-3, true)]     // floor: near 0 the tolerance is absolute
    [InlineData(0.0, 1.1e-3, 1e-3, false)]
    [InlineData(0.5, 0.5, 0.0, true)]       // tolerance 0: equality
    [InlineData(0.5, 0.5000000001, 0.0, false)]
    [InlineData(double.NaN, double.NaN, 1.0, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, 0.0, true)]
    [InlineData(double.PositiveInfinity, 1e300, 1.0, false)]
    public void Close_means_relative_with_an_absolute_floor_of_one(double a, double b, double tolerance, bool close)
    {
        Assert.Equal(close, Check.IsClose(a, b, tolerance));
        if (close) ConsoleCapture.Of(() => Check.Close(a, b, "x", tolerance));
        else Assert.Throws<CheckFailedException>(() => Check.Close(a, b, "x", tolerance));
    }

    [Fact]
    public void Close_prints_both_numbers_and_the_difference()
    {
        string line = ConsoleCapture.Of(() => Check.Close(0.30000000000000004, 0.3, "0.1 + 0.2", tolerance: 1e-12)).TrimEnd();
        Assert.Equal("✔ 0.1 + 0.2: 0.3 ≈ 0.3 (|difference| 5.6E-17 ≤ 1E-12 · max(|0.3|, 1))", line);
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close(1, 1, "x", tolerance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close(1, 1, "x", tolerance: double.NaN));
    }

    [Fact]
    public void AllClose_uses_the_same_meaning_and_names_the_first_pair_that_differs()
    {
        ConsoleCapture.Of(() => Check.AllClose([1000.0, 0.0], [1001.0, 1e-3], "pairs", tolerance: 1e-3));
        var failure = Assert.Throws<CheckFailedException>(() => Check.AllClose([1.0, 2.0, 3.0], [1.0, 2.5, 3.0], "pairs", tolerance: 0.1));
        Assert.Contains("first far pair at index 1: 2 vs 2.5", failure.Message);
        Assert.Throws<CheckFailedException>(() => Check.AllClose([1.0], [1.0, 2.0], "lengths"));
        Assert.Throws<CheckFailedException>(() => Check.AllClose([double.NaN], [1.0], "NaN", tolerance: 1));
    }

    [Fact]
    public void SamePath_compares_x_and_y()
    {
        Point2[] path = [new(0, 0), new(1, 2)];
        ConsoleCapture.Of(() => Check.SamePath(path, [new(0, 0), new(1, 2)], "same"));
        Assert.Throws<CheckFailedException>(() => Check.SamePath(path, [new(0, 0), new(1, 2.1)], "y differs", tolerance: 1e-3));
    }

    [Fact]
    public void That_passes_or_fails_on_the_condition()
    {
        Assert.Equal("✔ claim", ConsoleCapture.Of(() => Check.That(true, "claim")).TrimEnd());
        Assert.Equal("✘ check failed: claim", Assert.Throws<CheckFailedException>(() => Check.That(false, "claim")).Message);
    }
}
