using System.Globalization;

namespace Descent.Notebook;

/// <summary>
/// Self-check cells for exercises. An unanswered exercise (answer still null) says so and passes,
/// so the notebook runs top to bottom; an answer that is given is checked, and a wrong one fails
/// the cell with a hint, exactly like a failing check.
/// </summary>
public static class Exercise
{
    /// <summary>Checks a numeric answer against the value the notebook computed, within a relative tolerance.</summary>
    public static void Answer(string exercise, double? answer, double expected, double relativeTolerance = 0.01, string? hint = null)
    {
        if (answer is null)
        {
            Console.WriteLine($"✎ {exercise}: no answer yet. Put yours in the cell above (replace null) and run both cells again.");
            return;
        }
        bool right = Math.Abs(answer.Value - expected) <= relativeTolerance * Math.Max(Math.Abs(expected), 1e-300);
        string shown = answer.Value.ToString("G6", CultureInfo.InvariantCulture);
        if (!right)
            throw new CheckFailedException($"✘ {exercise}: {shown} is not right yet.{(hint is null ? "" : " Hint: " + hint)}");
        Console.WriteLine($"✔ {exercise}: {shown} is right (the notebook computed {expected.ToString("G6", CultureInfo.InvariantCulture)}).");
    }
}
