using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>Relations between optimizers that must hold exactly, and behaviour any optimizer must have.</summary>
public class PropertyTests
{
    private static readonly double[][] Gradients =
        Enumerable.Range(0, 20).Select(t => new[] { Math.Sin(t), Math.Cos(3 * t) * 5, t % 4 == 0 ? 0 : 0.1 * t }).ToArray();

    private static double[] RunAll(IOptimizer optimizer, double[]? start = null)
    {
        double[] theta = start ?? [1.0, -2.0, 3.0];
        foreach (var g in Gradients) optimizer.Step(theta, g);
        return theta;
    }

    public static TheoryData<string> AllOptimizers() => new(OptimizerRegistry.All.Select(c => c.Name));

    private static IOptimizer Make(string name) => OptimizerRegistry.Get(name).Create();

    [Fact]
    public void Sgd_with_momentum_zero_is_plain_gradient_descent()
    {
        double[] theta = [1.0, -2.0, 3.0];
        double[] expected = (double[])theta.Clone();
        var sgd = new Sgd(0.05, momentum: 0);
        foreach (var g in Gradients)
        {
            sgd.Step(theta, g);
            for (int i = 0; i < 3; i++) expected[i] -= 0.05 * g[i];
        }
        Close.All(expected, theta, "θ");
        Assert.Empty(sgd.Velocity);
    }

    [Fact]
    public void Momentum_is_sgd_with_that_momentum_to_the_last_bit()
    {
        Assert.Equal(RunAll(new Sgd(0.1, momentum: 0.8)), RunAll(new Momentum(0.1, momentum: 0.8)));
        Assert.Equal(RunAll(new Sgd(0.1, momentum: 0.9)), RunAll(new Momentum(0.1)));
    }

    [Fact]
    public void AdamW_with_zero_decay_is_adam_to_the_last_bit()
    {
        Assert.Equal(RunAll(new Adam(0.01)), RunAll(new AdamW(0.01, weightDecay: 0)));
        Assert.Equal(RunAll(new Adam(0.01, amsGrad: true)), RunAll(new AdamW(0.01, weightDecay: 0, amsGrad: true)));
    }

    [Fact]
    public void Adam_first_step_moves_every_coordinate_by_about_the_learning_rate()
    {
        // m̂₁ = g and v̂₁ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g) whatever the gradient's scale.
        double[] g = [1e-3, -0.5, 7, -1e6];
        double[] theta = new double[4];
        new Adam(0.01).Step(theta, g);
        for (int i = 0; i < 4; i++)
            Assert.InRange(Math.Abs(theta[i] + 0.01 * Math.Sign(g[i])), 0, 0.01 * 1e-5);
    }

    [Fact]
    public void AdaGrad_effective_rate_never_grows()
    {
        var opt = new AdaGrad(0.5);
        double[] theta = [1.0, 1.0, 1.0];
        double[] last = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        foreach (var g in Gradients)
        {
            opt.Step(theta, g);
            for (int i = 0; i < 3; i++)
            {
                double rate = opt.EffectiveLearningRate(i);
                Assert.True(rate <= last[i], $"rate of θ[{i}] grew from {last[i]} to {rate}");
                last[i] = rate;
            }
        }
    }

    [Fact]
    public void Default_hyperparameters_are_pytorchs()
    {
        var adagrad = new AdaGrad();
        Assert.Equal((0.01, 0.0, 0.0, 0.0, 1e-10), (adagrad.LearningRate, adagrad.LearningRateDecay, adagrad.WeightDecay, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
        var rms = new RmsProp();
        Assert.Equal((0.01, 0.99, 1e-8, 0.0, 0.0, false), (rms.LearningRate, rms.Alpha, rms.Epsilon, rms.WeightDecay, rms.MomentumCoefficient, rms.Centered));
        var adam = new Adam();
        Assert.Equal((0.001, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.AmsGrad));
        var adamw = new AdamW();
        Assert.Equal((0.001, 0.9, 0.999, 1e-8, 0.01, false), (adamw.LearningRate, adamw.Beta1, adamw.Beta2, adamw.Epsilon, adamw.WeightDecay, adamw.AmsGrad));
        var sgd = new Sgd(0.1);
        Assert.Equal((0.0, 0.0, false, 0.0), (sgd.MomentumCoefficient, sgd.Dampening, sgd.Nesterov, sgd.WeightDecay));
        Assert.Equal(0.9, new Momentum(0.1).MomentumCoefficient);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Reset_forgets_everything(string name)
    {
        var opt = Make(name);
        double[] first = RunAll(opt);
        opt.Reset();
        Assert.Equal(0, opt.StepCount);
        Assert.Equal(first, RunAll(opt));
        opt.Reset();
        double[] other = [1.0, 2.0]; // a new length is fine after Reset
        opt.Step(other, [0.5, 0.5]);
        Assert.Equal(1, opt.StepCount);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Steps_after_the_first_allocate_nothing(string name)
    {
        var opt = Make(name);
        double[] theta = new double[1000];
        double[] g = Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray();
        // Warm up well past tiered compilation, whose re-JIT can allocate on this thread once.
        for (int t = 0; t < 2000; t++) opt.Step(theta, g);
        // A per-step allocation would show in every window; the JIT's one-off allocation in at most one.
        long best = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 0; t < 200; t++) opt.Step(theta, g);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, best);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Step_count_is_t(string name)
    {
        var opt = Make(name);
        Assert.Equal(0, opt.StepCount);
        RunAll(opt);
        Assert.Equal(Gradients.Length, opt.StepCount);
    }
}
