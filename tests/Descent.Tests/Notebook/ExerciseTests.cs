using Descent.Notebook;

namespace Descent.Tests.Notebook;

[Collection("console")]
public class ExerciseTests
{
    private const double Expected = 0.123456789;

    [Fact]
    public void A_right_answer_is_called_right_without_showing_the_expected_value()
    {
        var result = Exercise.Judge("Exercise 1", 0.1235, Expected, relativeTolerance: 0.01, hint: "think");
        Assert.Equal(Verdict.Right, result.Verdict);
        Assert.True(result.IsRight);
        Assert.Equal("✔ Exercise 1: right.", result.Message);
    }

    [Fact]
    public void A_wrong_answer_is_not_yet_with_the_hint_and_without_the_expected_value()
    {
        var result = Exercise.Judge("Exercise 1", 0.2, Expected, relativeTolerance: 0.01, hint: "ηλ < 2");
        Assert.Equal(Verdict.NotYet, result.Verdict);
        Assert.False(result.IsRight);
        Assert.Equal("✎ Exercise 1: not yet (0.2 is not it) — hint: ηλ < 2", result.Message);
        Assert.DoesNotContain("0.123", result.Message);
        Assert.DoesNotContain("0.123", result.ToString());
        Assert.EndsWith("— try again.", Exercise.Judge("Exercise 1", 0.2, Expected).Message);
    }

    [Fact]
    public void An_unanswered_exercise_says_so()
    {
        var result = Exercise.Judge("Exercise 2", null, Expected);
        Assert.Equal(Verdict.NoAnswer, result.Verdict);
        Assert.StartsWith("✎ Exercise 2: no answer yet.", result.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "∞")]
    [InlineData(double.NegativeInfinity, "−∞")]
    public void A_non_finite_answer_is_not_a_number_not_a_crash(double answer, string shown)
    {
        var result = Exercise.Judge("Exercise 1", answer, Expected, hint: "h₁ = h₀ + g²");
        Assert.Equal(Verdict.NotANumber, result.Verdict);
        Assert.Contains($"your answer is {shown}, not a number", result.Message);
        Assert.EndsWith("Hint: h₁ = h₀ + g²", result.Message);
    }

    [Fact]
    public void The_tolerance_is_relative_to_the_expected_value_and_includes_its_edge()
    {
        // 1% of 200 is 2: 202 and 198 are right (both edges are exact in binary), 202.5 is not.
        Assert.True(Exercise.Judge("E", 202, 200, relativeTolerance: 0.01).IsRight);
        Assert.True(Exercise.Judge("E", 198, 200, relativeTolerance: 0.01).IsRight);
        Assert.False(Exercise.Judge("E", 202.5, 200, relativeTolerance: 0.01).IsRight);
        // Relative, with no absolute floor: a tiny expected value is not matched by 0.
        Assert.False(Exercise.Judge("E", 0, 5e-4, relativeTolerance: 0.01).IsRight);
        Assert.True(Exercise.Judge("E", 5.04e-4, 5e-4, relativeTolerance: 0.01).IsRight);
    }

    [Fact]
    public void Integer_answers_with_tolerance_zero_must_be_exact()
    {
        int? answer = 43;
        Assert.True(Exercise.Judge("Exercise 2", answer, 43, relativeTolerance: 0).IsRight);
        Assert.False(Exercise.Judge("Exercise 2", 44, 43, relativeTolerance: 0).IsRight);
        Assert.False(Exercise.Judge("Exercise 2", 42, 43, relativeTolerance: 0).IsRight);
        Assert.True(Exercise.Judge("Exercise 2", 0, 0, relativeTolerance: 0).IsRight);
    }

    [Fact]
    public void Answer_prints_the_verdict_and_never_throws_for_any_answer()
    {
        foreach (double? answer in new double?[] { null, Expected, 1e308, -1, double.NaN, double.PositiveInfinity })
        {
            ExerciseResult? result = null;
            string printed = ConsoleCapture.Of(() => result = Exercise.Answer("Exercise 1", answer, Expected, hint: "h"));
            Assert.Equal(result!.Message, printed.TrimEnd());
            Assert.DoesNotContain("0.1234", printed);
        }
    }

    [Fact]
    public void Mistakes_of_the_chapter_author_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => Exercise.Judge(" ", 1, 1));
        Assert.Throws<ArgumentException>(() => Exercise.Judge("E", 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.Judge("E", 1, 1, relativeTolerance: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.Judge("E", 1, 1, relativeTolerance: double.NaN));
    }
}
