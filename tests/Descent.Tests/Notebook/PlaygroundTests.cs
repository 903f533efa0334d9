using Descent.Notebook;
using Descent.Optimizers;

namespace Descent.Tests.Notebook;

/// <summary>Knobs are checked by their own names, and a bad one prints one line instead of a stack trace.</summary>
public class PlaygroundTests
{
    [Fact]
    public void A_bad_knob_is_named_with_its_value_and_range()
    {
        double playEta = -1;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Rate(playEta));
        Assert.Equal("playEta", e.ParamName);
        Assert.Contains("playEta = -1 is out of range: the valid range is [0, 1000000] in this playground", e.Message);
        double tooLarge = 1e308;
        Assert.Equal("tooLarge", Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Rate(tooLarge)).ParamName);
        Assert.Equal(1e6, Knob.Rate(1e6));
        int playSteps = 2_000_000;
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Steps(playSteps, max: 100_000));
        Assert.Contains("playSteps = 2,000,000 is out of range: the valid range is [1, 100,000]", s.Message);
        double playBeta = 1;
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Decay(playBeta)).Message);
        Assert.Equal(0.5, Knob.Decay(0.5));
        Assert.Equal(0, Knob.Rate(0));
        IOptimizer? playOptimizer = null;
        Assert.Equal("playOptimizer", Assert.Throws<ArgumentNullException>(() => Knob.NotNull(playOptimizer)).ParamName);
    }

    [Fact]
    public void Playground_run_returns_the_result_or_the_one_line_message()
    {
        Assert.Equal(42, Playground.Run(() => 42));
        double playEta = double.NaN;
        var message = Assert.IsType<string>(Playground.Run(() => Knob.Rate(playEta)));
        Assert.StartsWith("✘ playEta = NaN is out of range: the valid range is [0, 1000000] in this playground", message);
        // A library argument error is shown the same way.
        Assert.StartsWith("✘ beta2 = 1 is out of range", (string)Playground.Run(() => new Adam(beta2: 1))!);
        // Anything else is a bug and is not hidden.
        Assert.Throws<IndexOutOfRangeException>(() => Playground.Run(() => { int[] a = new int[1]; return a[2]; }));
    }

    [Fact]
    public void Points_and_finite_numbers_are_checked_by_the_knobs_name()
    {
        Descent.Landscapes.Point2? playStart = new Descent.Landscapes.Point2(double.NaN, 0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Point(playStart));
        Assert.Equal("playStart", e.ParamName);
        Assert.Contains("both coordinates finite", e.Message);
        Assert.Null(Knob.Point(null));
        double playOffset = double.NegativeInfinity;
        Assert.Equal("playOffset", Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Finite(playOffset)).ParamName);
        Assert.Equal(-3.5, Knob.Finite(-3.5));
    }

    [Fact]
    public void A_start_point_must_have_a_finite_loss_on_its_landscape()
    {
        Descent.Landscapes.Point2? playStart = new Descent.Landscapes.Point2(1e308, 1e308);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Start(playStart, Descent.Landscapes.Landscape.Bowl));
        Assert.Equal("playStart", e.ParamName);
        Assert.Contains("f(playStart) = ", e.Message);
        Assert.Equal(new Descent.Landscapes.Point2(-7, 2), Knob.Start(new Descent.Landscapes.Point2(-7, 2), Descent.Landscapes.Landscape.Bowl));
        Assert.Null(Knob.Start(null, Descent.Landscapes.Landscape.Bowl));
    }

    [Fact]
    public void Positive_factors_and_named_choices_are_checked_by_the_knobs_name()
    {
        double playGamma = 0;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.Positive(playGamma));
        Assert.Equal("playGamma", e.ParamName);
        Assert.Contains("(0, ∞)", e.Message);
        Assert.Equal(1.5, Knob.Positive(1.5));
        string playSchedule = "cosin";
        var c = Assert.Throws<ArgumentOutOfRangeException>(() => Knob.OneOf(playSchedule, ["step", "cosine"]));
        Assert.Equal("playSchedule", c.ParamName);
        Assert.Contains("playSchedule = \"cosin\" is out of range: the valid values are \"step\", \"cosine\".", c.Message);
        Assert.Equal("cosine", Knob.OneOf("cosine", ["step", "cosine"]));
        string? none = null;
        Assert.Contains("none = null", Assert.Throws<ArgumentOutOfRangeException>(() => Knob.OneOf(none, ["a"])).Message);
    }
}
