namespace Descent.Notebook;

/// <summary>What the checker made of an answer.</summary>
public enum Verdict
{
    /// <summary>The answer is right (within the exercise's tolerance).</summary>
    Right,

    /// <summary>An answer was given and it is not right yet.</summary>
    NotYet,

    /// <summary>The answer is still null: the exercise has not been tried.</summary>
    NoAnswer,

    /// <summary>The answer is NaN or infinite, which cannot be right.</summary>
    NotANumber,
}

/// <summary>
/// The outcome of <see cref="Exercise.Answer"/>: the verdict and the line that was printed. It never
/// holds the expected value, so displaying it gives nothing away.
/// </summary>
/// <param name="Exercise">The exercise's name, e.g. "Exercise 1".</param>
/// <param name="Verdict">Right, not yet, no answer, or not a number.</param>
/// <param name="Message">The line printed under the cell.</param>
public sealed record ExerciseResult(string Exercise, Verdict Verdict, string Message)
{
    /// <summary>Whether the answer is right.</summary>
    public bool IsRight => Verdict == Verdict.Right;

    /// <summary>The printed line.</summary>
    public override string ToString() => Message;
}

/// <summary>
/// Self-check cells for exercises. The checker says right or not yet, never the answer (not even
/// when it is right), gives the hint when it is not right, and never throws because of what the
/// learner wrote: an unanswered, wrong or NaN answer prints a line and the notebook runs on, so
/// "Run All" works and the chapter passes its tests with every exercise unanswered.
/// The answer is passed in by the cell, never remembered from an earlier run.
/// <para>
/// The worked solution sits in the markdown cell after the check, folded away until asked for:
/// <c>&lt;details class="solution"&gt;&lt;summary&gt;Solution to Exercise 1&lt;/summary&gt;</c>, a blank
/// line, the solution in markdown, a blank line and <c>&lt;/details&gt;</c>. VS Code, Jupyter and the book
/// all show it collapsed.
/// </para>
/// </summary>
public static class Exercise
{
    /// <summary>
    /// Checks a numeric answer against the value the notebook computed: right when
    /// |answer − expected| ≤ relativeTolerance · |expected| (a tolerance of 0 asks for the exact value,
    /// as for counts). Prints "✔ Exercise 1: right.", "✎ Exercise 1: not yet — hint: …" or
    /// "✎ Exercise 1: no answer yet …" and returns the same as a value.
    /// </summary>
    /// <param name="exercise">The exercise's name as the text calls it, e.g. "Exercise 1".</param>
    /// <param name="answer">The learner's answer; null while the exercise is unanswered. An int converts.</param>
    /// <param name="expected">The value the notebook computed (never shown).</param>
    /// <param name="relativeTolerance">How far from <paramref name="expected"/> still counts, relative to it; 0 = exact.</param>
    /// <param name="hint">Shown when the answer is not right yet.</param>
    /// <exception cref="ArgumentException">Only for a mistake of the chapter's author (a blank name, a
    /// non-finite expected value, a negative tolerance): never because of the answer.</exception>
    public static ExerciseResult Answer(string exercise, double? answer, double expected,
        double relativeTolerance = 0.01, string? hint = null)
    {
        var result = Judge(exercise, answer, expected, relativeTolerance, hint);
        Console.WriteLine(result.Message);
        return result;
    }

    /// <summary><see cref="Answer"/> without printing: the checker's logic, for tests.</summary>
    public static ExerciseResult Judge(string exercise, double? answer, double expected,
        double relativeTolerance = 0.01, string? hint = null)
    {
        if (string.IsNullOrWhiteSpace(exercise))
            throw new ArgumentException("exercise is empty: name the exercise as the text does, e.g. \"Exercise 1\".",
                nameof(exercise));
        if (!double.IsFinite(expected))
            throw new ArgumentException(
                $"expected = {Check.Format(expected)} is out of range: the valid range is finite numbers " +
                "(the chapter's own computation went wrong).", nameof(expected));
        if (!(relativeTolerance >= 0) || double.IsPositiveInfinity(relativeTolerance))
            throw Require.OutOfRange(nameof(relativeTolerance), relativeTolerance, "[0, ∞)");

        if (answer is not { } given)
            return new(exercise, Verdict.NoAnswer,
                $"✎ {exercise}: no answer yet. Put yours in the cell above (replace null) and run both cells again.");
        string shown = Check.Format(given, "G6");
        if (!double.IsFinite(given))
            return new(exercise, Verdict.NotANumber,
                $"✎ {exercise}: your answer is {shown}, not a number that can be right. " +
                "Look for a division by zero or the square root of a negative number." +
                (string.IsNullOrWhiteSpace(hint) ? "" : $" Hint: {hint}"));
        bool right = given == expected || Math.Abs(given - expected) <= relativeTolerance * Math.Abs(expected);
        return right
            ? new(exercise, Verdict.Right, $"✔ {exercise}: right.")
            : new(exercise, Verdict.NotYet, $"✎ {exercise}: not yet ({shown} is not it) — " +
                (string.IsNullOrWhiteSpace(hint) ? "try again." : $"hint: {hint}"));
    }
}
