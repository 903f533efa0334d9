using System.Globalization;

namespace Descent.Notebook;

/// <summary>Thrown by a check cell whose claim does not hold; the runner and CI fail on it.</summary>
public sealed class CheckFailedException(string message) : Exception(message);

/// <summary>
/// Check cells: a claim made in the prose, tested on the numbers the notebook just computed.
/// A passing check prints one line with the evidence; a failing one throws, so the notebook fails.
/// </summary>
public static class Check
{
    /// <summary>Passes when <paramref name="condition"/> holds; <paramref name="claim"/> should carry the numbers.</summary>
    public static void That(bool condition, string claim)
    {
        if (!condition) throw new CheckFailedException($"✘ check failed: {claim}");
        Console.WriteLine($"✔ {claim}");
    }

    /// <summary>Passes when |actual − expected| ≤ tolerance·max(1, |expected|).</summary>
    public static void Close(double actual, double expected, string what, double tolerance = 1e-12)
    {
        bool ok = Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected));
        That(ok, string.Create(CultureInfo.InvariantCulture,
            $"{what}: {actual:G10} ≈ {expected:G10} (tolerance {tolerance:G2})"));
    }

    /// <summary>Passes when two paths (e.g. a from-scratch loop and a library run) visit the same points, x and y within the tolerance.</summary>
    public static void SamePath(IReadOnlyList<Landscapes.Point2> actual, IReadOnlyList<Landscapes.Point2> expected, string what, double tolerance = 1e-12) =>
        AllClose(actual.SelectMany(p => new[] { p.X, p.Y }).ToList(), expected.SelectMany(p => new[] { p.X, p.Y }).ToList(), what, tolerance);

    /// <summary>Passes when the two sequences agree element-wise within the tolerance.</summary>
    public static void AllClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected, string what, double tolerance = 1e-12)
    {
        if (actual.Count != expected.Count)
            That(false, $"{what}: lengths differ ({actual.Count} vs {expected.Count})");
        double worst = 0;
        for (int i = 0; i < actual.Count; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
        That(worst <= tolerance, string.Create(CultureInfo.InvariantCulture,
            $"{what}: {actual.Count} values agree, largest relative difference {worst:G3} (tolerance {tolerance:G2})"));
    }
}
