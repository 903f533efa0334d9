using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Each optimizer's update is written once, as a kernel that runs on SIMD vectors for the body of the
/// arrays and on single numbers for the tail. These tests hold the two to the same bits, and the
/// whole optimizer to a naive second transcription of the documented formulas, over 320 steps in
/// which the parameters cross zero, for every configuration of <see cref="OptimizerRegistry"/>.
/// </summary>
public class AgreementTests
{
    private const int Steps = 320;

    public static TheoryData<string> Configurations() => new(OptimizerRegistry.All.Select(c => c.Name));

    /// <summary>Gradients of size ~1 that change sign, with exact zeros and a few huge components.</summary>
    private static double[][] Gradients(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Steps).Select(t => Enumerable.Range(0, n).Select(i =>
            i % 11 == 3 || t % 17 == 5 ? 0.0
            : i % 13 == 7 && t % 50 == 9 ? (random.NextDouble() - 0.5) * 1e9
            : Math.Sin(0.05 * t + i) + (random.NextDouble() - 0.5)).ToArray()).ToArray();
    }

    private static double Rate(OptimizerConfig config, int t) =>
        (config.LearningRate == 0 ? 0.01 : config.LearningRate) * (t % 40 < 20 ? 1 : 0.5);

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_vector_body_and_the_scalar_tail_compute_the_same_bits(string name)
    {
        var config = OptimizerRegistry.Get(name);
        const int n = 67; // 8 vectors of 8 lanes (or 16 of 4) and a tail of 3
        var random = new Random(n);
        // Mostly in [−2, 2], every fifth parameter within ±0.001 of zero so that even η = 0.001 crosses it.
        double[] start = Enumerable.Range(0, n).Select(i => (random.NextDouble() * 4 - 2) * (i % 5 == 0 ? 5e-4 : 1)).ToArray();
        var grads = Gradients(n, 1);
        var whole = config.Create();
        var single = Enumerable.Range(0, n).Select(_ => config.Create()).ToArray();
        double[] theta = (double[])start.Clone();
        double[][] alone = start.Select(x => new[] { x }).ToArray();
        bool crossed = false;
        for (int t = 0; t < Steps; t++)
        {
            double lr = Rate(config, t);
            whole.LearningRate = lr;
            if (whole is IHasMomentum hm) hm.MomentumCoefficient = Momentum(config, t);
            whole.Step(theta, grads[t]);
            for (int i = 0; i < n; i++)
            {
                single[i].LearningRate = lr;
                if (single[i] is IHasMomentum sm) sm.MomentumCoefficient = Momentum(config, t);
                single[i].Step(alone[i], grads[t].AsSpan(i, 1));
                if (BitConverter.DoubleToInt64Bits(theta[i]) != BitConverter.DoubleToInt64Bits(alone[i][0]))
                    Assert.Fail($"{name}, step {t + 1}, θ[{i}]: {theta[i]:R} in the whole array, {alone[i][0]:R} alone");
                crossed |= Math.Sign(alone[i][0]) != Math.Sign(start[i]);
            }
        }
        Assert.True(crossed, "no parameter crossed zero: the test would not cover θ near zero");
    }

    /// <summary>The configuration's own μ or β₁, varied between steps as a momentum-cycling schedule would.</summary>
    private static double Momentum(OptimizerConfig config, int t)
    {
        double baseValue = config.TorchClass is "Adam" or "AdamW" or "Adamax"
            ? config.Options.GetValueOrDefault("beta1", 0.9)
            : config.Options.GetValueOrDefault("momentum", 0);
        if (baseValue == 0 || config.Options.GetValueOrDefault("nesterov") != 0) return baseValue;
        return baseValue * (t % 30 < 15 ? 1 : 0.9);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_configuration_follows_the_naive_transcription_for_320_steps(string name)
    {
        var config = OptimizerRegistry.Get(name);
        double[] theta0 = [1.5, -0.75, 0.25, -2.0, 0.05, 4e-4, -3e-4];
        var grads = Gradients(theta0.Length, 2);
        double[] lrs = Enumerable.Range(0, Steps).Select(t => Rate(config, t)).ToArray();
        var expected = NaiveFor(config, theta0, grads, lrs);
        var optimizer = config.Create();
        var theta = (double[])theta0.Clone();
        int crossings = 0;
        for (int t = 0; t < Steps; t++)
        {
            optimizer.LearningRate = lrs[t];
            double[] before = (double[])theta.Clone();
            optimizer.Step(theta, grads[t]);
            crossings += theta.Zip(before).Count(p => Math.Sign(p.First) != Math.Sign(p.Second));
            for (int i = 0; i < theta.Length; i++)
            {
                // Relative with an absolute floor of 1: near θ = 0 an absolute 1e-12 is the meaningful test.
                double error = Math.Abs(theta[i] - expected[t][i]);
                if (!(error <= 1e-12 * Math.Max(Math.Abs(expected[t][i]), 1)))
                    Assert.Fail($"{name}, step {t + 1}, θ[{i}]: {theta[i]:R} vs naive {expected[t][i]:R} (difference {error:G3})");
            }
        }
        Assert.True(crossings > 0, "no parameter crossed zero");
    }

    private static double[][] NaiveFor(OptimizerConfig c, double[] theta0, double[][] grads, double[] lrs)
    {
        double D(string key, double fallback) => c.Options.GetValueOrDefault(key, fallback);
        return c.TorchClass switch
        {
            "SGD" => Naive.Sgd(theta0, grads, lrs, D("momentum", 0), D("dampening", 0), D("nesterov", 0) != 0, D("weightDecay", 0)),
            "Adagrad" => Naive.AdaGrad(theta0, grads, lrs, D("learningRateDecay", 0), D("weightDecay", 0),
                D("initialAccumulatorValue", 0), D("epsilon", 1e-10)),
            "RMSprop" => Naive.RmsProp(theta0, grads, lrs, D("alpha", 0.99), D("epsilon", 1e-8), D("weightDecay", 0),
                D("momentum", 0), D("centered", 0) != 0),
            "Adam" => Naive.Adam(theta0, grads, lrs, D("beta1", 0.9), D("beta2", 0.999), D("epsilon", 1e-8),
                D("weightDecay", 0), D("amsGrad", 0) != 0, decoupled: false),
            "AdamW" => Naive.Adam(theta0, grads, lrs, D("beta1", 0.9), D("beta2", 0.999), D("epsilon", 1e-8),
                D("weightDecay", 0.01), D("amsGrad", 0) != 0, decoupled: true),
            "Adamax" => Naive.Adamax(theta0, grads, lrs, D("beta1", 0.9), D("beta2", 0.999), D("epsilon", 1e-8),
                D("weightDecay", 0)),
            "Adadelta" => Naive.Adadelta(theta0, grads, lrs, D("rho", 0.9), D("epsilon", 1e-6), D("weightDecay", 0)),
            "NAdam" => Naive.NAdam(theta0, grads, lrs, D("beta1", 0.9), D("beta2", 0.999), D("epsilon", 1e-8),
                D("weightDecay", 0), D("momentumDecay", 0.004), D("decoupledWeightDecay", 0) != 0),
            "RAdam" => Naive.RAdam(theta0, grads, lrs, D("beta1", 0.9), D("beta2", 0.999), D("epsilon", 1e-8),
                D("weightDecay", 0), D("decoupledWeightDecay", 0) != 0),
            _ => throw new ArgumentException(c.TorchClass),
        };
    }
}
