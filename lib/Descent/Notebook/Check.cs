using System.Globalization;

namespace Descent.Notebook;

/// <summary>Thrown by a check cell whose claim does not hold; the runner and CI fail on it.</summary>
public sealed class CheckFailedException(string message) : Exception(message);

/// <summary>
/// Check cells: a claim made in the prose, tested on the numbers the notebook just computed.
/// A passing check prints one line with the evidence (✔ and the numbers compared); a failing one
/// throws <see cref="CheckFailedException"/>, so the notebook fails. The comparisons
/// (<see cref="Less"/>, <see cref="Greater"/>, <see cref="Between"/>, <see cref="Close"/>) write the
/// numbers into the line themselves, so the condition and the message cannot drift apart.
/// Numbers are shown with <see cref="DefaultFormat"/> (4 significant digits) unless a format is
/// given, always with the invariant culture (a point as decimal separator).
/// </summary>
public static class Check
{
    /// <summary>How numbers are written in a check's line unless a cell asks for another .NET format.</summary>
    public const string DefaultFormat = "G4";

    /// <summary>Passes when <paramref name="condition"/> holds; <paramref name="claim"/> should carry the numbers.</summary>
    public static void That(bool condition, string claim)
    {
        if (!condition) throw new CheckFailedException($"✘ check failed: {claim}");
        Console.WriteLine($"✔ {claim}");
    }

    /// <summary>Passes when a &lt; b; the line shows both numbers: "✔ what: a &lt; b".</summary>
    public static void Less(double a, double b, string what, string format = DefaultFormat) =>
        Compare(a < b, what, $"{N(a, format)} < {N(b, format)}");

    /// <summary>Passes when a &gt; b; the line shows both numbers: "✔ what: a &gt; b".</summary>
    public static void Greater(double a, double b, string what, string format = DefaultFormat) =>
        Compare(a > b, what, $"{N(a, format)} > {N(b, format)}");

    /// <summary>
    /// Passes when low ≤ x ≤ high (both ends included); the line shows all three numbers:
    /// "✔ what: low ≤ x ≤ high". A NaN anywhere fails.
    /// </summary>
    public static void Between(double x, double low, double high, string what, string format = DefaultFormat)
    {
        if (!(low <= high))
            throw new ArgumentException(
                $"low = {N(low, format)} and high = {N(high, format)}: low must not be above high.", nameof(low));
        Compare(low <= x && x <= high, what, $"{N(low, format)} ≤ {N(x, format)} ≤ {N(high, format)}");
    }

    /// <summary>
    /// What "close" means in every check of the course: |a − b| ≤ tolerance · max(|b|, 1), a relative
    /// tolerance with an absolute floor of 1 (so values near 0 are compared absolutely, and a tolerance
    /// of 0 asks for equality). NaN is close to nothing; an infinity only to the same infinity.
    /// </summary>
    public static bool IsClose(double a, double b, double tolerance)
    {
        if (a == b) return true; // equal infinities, and the tolerance-0 case
        return Math.Abs(a - b) <= tolerance * Math.Max(Math.Abs(b), 1);
    }

    /// <summary>
    /// Passes when <paramref name="actual"/> is close to <paramref name="expected"/> in the sense of
    /// <see cref="IsClose"/>: |actual − expected| ≤ tolerance · max(|expected|, 1). The line shows both
    /// numbers and their difference.
    /// </summary>
    public static void Close(double actual, double expected, string what, double tolerance = 1e-12,
        string format = DefaultFormat)
    {
        RequireTolerance(tolerance);
        double difference = Math.Abs(actual - expected);
        Compare(IsClose(actual, expected, tolerance), what,
            $"{N(actual, format)} ≈ {N(expected, format)} (|difference| {N(difference, "G2")} ≤ " +
            $"{N(tolerance, "G2")} · max(|{N(expected, format)}|, 1))");
    }

    /// <summary>
    /// Passes when two paths (e.g. a from-scratch loop and a library run) visit the same points,
    /// x and y close in the sense of <see cref="IsClose"/>.
    /// </summary>
    public static void SamePath(IReadOnlyList<Landscapes.Point2> actual, IReadOnlyList<Landscapes.Point2> expected,
        string what, double tolerance = 1e-12) =>
        AllClose(Flat(actual), Flat(expected), what, tolerance);

    private static List<double> Flat(IReadOnlyList<Landscapes.Point2> path) => path.SelectMany(p => new[] { p.X, p.Y }).ToList();

    /// <summary>
    /// Passes when the two sequences have the same length and every pair is close in the sense of
    /// <see cref="IsClose"/>; the line shows the count and the largest |a − b| / max(|b|, 1).
    /// </summary>
    public static void AllClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected, string what,
        double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        RequireTolerance(tolerance);
        if (actual.Count != expected.Count)
            That(false, $"{what}: lengths differ ({actual.Count} vs {expected.Count})");
        double worst = 0;
        int firstFar = -1;
        for (int i = 0; i < actual.Count; i++)
        {
            if (!IsClose(actual[i], expected[i], tolerance) && firstFar < 0) firstFar = i;
            double scaled = actual[i] == expected[i] ? 0
                : Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1);
            worst = double.IsNaN(scaled) ? double.NaN : Math.Max(worst, scaled);
        }
        string evidence = $"{actual.Count} values, largest |a − b| / max(|b|, 1) = {N(worst, "G3")} " +
            $"(tolerance {N(tolerance, "G2")})";
        if (firstFar >= 0)
            evidence += $"; first far pair at index {firstFar}: " +
                $"{N(actual[firstFar], DefaultFormat)} vs {N(expected[firstFar], DefaultFormat)}";
        Compare(firstFar < 0, what, evidence);
    }

    /// <summary>A number as the checks write it: <paramref name="format"/> with the invariant culture; ∞ and NaN as such.</summary>
    public static string Format(double value, string format = DefaultFormat) => N(value, format);

    private static string N(double value, string format) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString(format, CultureInfo.InvariantCulture),
    };

    private static void Compare(bool holds, string what, string evidence)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (!holds) throw new CheckFailedException($"✘ check failed: {what}: {evidence} does not hold");
        Console.WriteLine($"✔ {what}: {evidence}");
    }

    private static void RequireTolerance(double tolerance)
    {
        if (!(tolerance >= 0) || double.IsPositiveInfinity(tolerance))
            throw Require.OutOfRange(nameof(tolerance), tolerance, "[0, ∞)");
    }
}
