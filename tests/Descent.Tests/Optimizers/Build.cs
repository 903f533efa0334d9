using System.Text.Json;
using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>Makes an optimizer from a class name and an options object (as stored in the reference vectors).</summary>
internal static class Build
{
    public static IOptimizer From(string torchClass, double learningRate, JsonElement options)
    {
        double D(string key, double fallback) => options.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool B(string key) => options.TryGetProperty(key, out var v) && v.GetBoolean();
        return torchClass switch
        {
            "SGD" => new Sgd(learningRate, momentum: D("momentum", 0), dampening: D("dampening", 0),
                nesterov: B("nesterov"), weightDecay: D("weightDecay", 0)),
            "Adagrad" => new AdaGrad(learningRate, learningRateDecay: D("learningRateDecay", 0), weightDecay: D("weightDecay", 0),
                initialAccumulatorValue: D("initialAccumulatorValue", 0), epsilon: D("epsilon", 1e-10)),
            "RMSprop" => new RmsProp(learningRate, alpha: D("alpha", 0.99), epsilon: D("epsilon", 1e-8), weightDecay: D("weightDecay", 0),
                momentum: D("momentum", 0), centered: B("centered")),
            "Adam" => new Adam(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0), amsGrad: B("amsGrad")),
            "AdamW" => new AdamW(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0.01), amsGrad: B("amsGrad")),
            _ => throw new ArgumentException($"unknown optimizer {torchClass}"),
        };
    }

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
