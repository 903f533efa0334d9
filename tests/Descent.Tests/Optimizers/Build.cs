using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>What the reference vectors need beyond the registry: state buffers by their JSON names.</summary>
internal static class Build
{
    /// <summary>The named state buffer of an optimizer, as the reference vectors name it.</summary>
    public static IReadOnlyList<double> State(IOptimizer optimizer, string name) => (optimizer, name) switch
    {
        (Sgd s, "velocity") => s.Velocity,
        (AdaGrad a, "sumOfSquares") => a.SumOfSquares,
        (RmsProp r, "squareAverage") => r.SquareAverage,
        (RmsProp r, "gradientAverage") => r.GradientAverage,
        (RmsProp r, "velocity") => r.Velocity,
        (Adam a, "firstMoment") => a.FirstMoment,
        (Adam a, "secondMoment") => a.SecondMoment,
        (Adam a, "maxSecondMoment") => a.MaxSecondMoment,
        (Adamax a, "firstMoment") => a.FirstMoment,
        (Adamax a, "infinityNorm") => a.InfinityNorm,
        (Adadelta a, "squareAverage") => a.SquareAverage,
        (Adadelta a, "deltaAverage") => a.DeltaAverage,
        (NAdam n, "firstMoment") => n.FirstMoment,
        (NAdam n, "secondMoment") => n.SecondMoment,
        (RAdam r, "firstMoment") => r.FirstMoment,
        (RAdam r, "secondMoment") => r.SecondMoment,
        _ => throw new ArgumentException($"{optimizer.Name} has no state {name}"),
    };
}

/// <summary>The one comparison used by every numeric test: relative, 1e-12 unless said otherwise.</summary>
internal static class Close
{
    public static void Assert(double expected, double actual, string what, double relative = 1e-12)
    {
        double error = Math.Abs(actual - expected);
        // Pure relative tolerance; exact zeros must match exactly (up to the smallest subnormal).
        if (!(error <= relative * Math.Abs(expected) || error <= double.Epsilon))
            Xunit.Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):G3} > {relative:G3})");
    }

    public static void All(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what, double relative = 1e-12)
    {
        Xunit.Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert(expected[i], actual[i], $"{what}[{i}]", relative);
    }
}
