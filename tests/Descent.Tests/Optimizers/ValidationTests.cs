using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>Bad input is refused with a message that names the parameter, the value and the valid range.</summary>
public class ValidationTests
{
    private static void Refused(Action create, string parameter, string value, string range)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter, e.Message);
        Assert.Contains(value, e.Message);
        Assert.Contains(range, e.Message);
    }

    public static TheoryData<double, string> BadLearningRates() => new()
    {
        { -0.1, "-0.1" }, { -1e-300, "-1E-300" }, { double.NaN, "NaN" }, { double.PositiveInfinity, "∞" },
    };

    [Theory]
    [MemberData(nameof(BadLearningRates))]
    public void Learning_rate_must_be_finite_and_not_negative(double lr, string shown)
    {
        string range = "[0, ∞)"; // PyTorch: 0.0 <= lr
        Refused(() => new Sgd(lr), "learningRate", shown, range);
        Refused(() => new Momentum(lr), "learningRate", shown, range);
        Refused(() => new AdaGrad(lr), "learningRate", shown, range);
        Refused(() => new RmsProp(lr), "learningRate", shown, range);
        Refused(() => new Adam(lr), "learningRate", shown, range);
        Refused(() => new AdamW(lr), "learningRate", shown, range);
    }

    [Fact]
    public void Setting_a_bad_learning_rate_keeps_the_old_one()
    {
        var adam = new Adam(0.01);
        Refused(() => adam.LearningRate = -1, "learningRate", "-1", "[0, ∞)");
        Assert.Equal(0.01, adam.LearningRate);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Betas_and_alpha_must_be_in_the_half_open_unit_interval(double bad)
    {
        string shown = double.IsNaN(bad) ? "NaN" : bad.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Refused(() => new Adam(beta1: bad), "beta1", shown, "[0, 1)");
        Refused(() => new Adam(beta2: bad), "beta2", shown, "[0, 1)");
        Refused(() => new AdamW(beta1: bad), "beta1", shown, "[0, 1)");
        Refused(() => new AdamW(beta2: bad), "beta2", shown, "[0, 1)");
        Refused(() => new RmsProp(alpha: bad), "alpha", shown, "[0, 1)");
    }

    [Fact]
    public void Epsilon_momentum_and_decays_must_not_be_negative()
    {
        const string range = "[0, ∞)";
        Refused(() => new Sgd(0.1, momentum: -0.5), "momentum", "-0.5", range);
        Refused(() => new Momentum(0.1, momentum: -0.5), "momentum", "-0.5", range);
        Refused(() => new Sgd(0.1, weightDecay: -1), "weightDecay", "-1", range);
        Refused(() => new AdaGrad(learningRateDecay: -1), "learningRateDecay", "-1", range);
        Refused(() => new AdaGrad(weightDecay: -1), "weightDecay", "-1", range);
        Refused(() => new AdaGrad(initialAccumulatorValue: -1), "initialAccumulatorValue", "-1", range);
        Refused(() => new AdaGrad(epsilon: -1e-10), "epsilon", "-1E-10", range);
        Refused(() => new RmsProp(epsilon: -1), "epsilon", "-1", range);
        Refused(() => new RmsProp(momentum: -1), "momentum", "-1", range);
        Refused(() => new RmsProp(weightDecay: -1), "weightDecay", "-1", range);
        Refused(() => new Adam(epsilon: -1), "epsilon", "-1", range);
        Refused(() => new Adam(weightDecay: -1), "weightDecay", "-1", range);
        Refused(() => new AdamW(weightDecay: -1), "weightDecay", "-1", range);
        Refused(() => new Sgd(0.1, momentum: 0.9, dampening: -0.1), "dampening", "-0.1", "[0, 1]");
    }

    [Fact]
    public void Nesterov_needs_momentum_and_no_dampening()
    {
        Refused(() => new Sgd(0.1, nesterov: true), "nesterov", "momentum = 0", "(0, ∞)");
        Refused(() => new Sgd(0.1, momentum: 0.9, dampening: 0.5, nesterov: true), "nesterov", "dampening = 0.5", "0");
    }

    // Every registry configuration that moves θ (the zero-learning-rate cases are covered by the parity tests).
    public static TheoryData<string> Names() =>
        new(OptimizerRegistry.All.Where(c => c.LearningRate > 0).Select(c => c.Name));

    private static IOptimizer Make(string name) => OptimizerRegistry.Get(name).Create();

    [Theory]
    [MemberData(nameof(Names))]
    public void Mismatched_lengths_are_refused_and_nothing_changes(string name)
    {
        var opt = Make(name);
        double[] theta = [1.0, 2.0, 3.0];
        var e = Assert.Throws<ArgumentException>(() => opt.Step(theta, [1.0, 1.0]));
        Assert.Equal("gradient", e.ParamName);
        Assert.Contains("parameters.Length = 3", e.Message);
        Assert.Contains("gradient.Length = 2", e.Message);
        Assert.Equal([1.0, 2.0, 3.0], theta);
        Assert.Equal(0, opt.StepCount);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_length_that_changes_between_steps_is_refused_and_nothing_changes(string name)
    {
        var opt = Make(name);
        double[] theta = [1.0, 2.0, 3.0];
        opt.Step(theta, [0.1, 0.2, 0.3]);
        double[] before = (double[])theta.Clone();
        double[] shorter = [1.0, 2.0];
        var e = Assert.Throws<ArgumentException>(() => opt.Step(shorter, [0.1, 0.1]));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("parameters.Length = 2", e.Message);
        Assert.Contains("valid value is 3", e.Message);
        Assert.Equal([1.0, 2.0], shorter);
        Assert.Equal(1, opt.StepCount);
        // The state is untouched too: the next good step equals a fresh run's second step.
        var twin = Make(name);
        double[] twinTheta = [1.0, 2.0, 3.0];
        twin.Step(twinTheta, [0.1, 0.2, 0.3]);
        twin.Step(twinTheta, [0.3, 0.2, 0.1]);
        opt.Step(theta, [0.3, 0.2, 0.1]);
        Assert.Equal(twinTheta, theta);
        Assert.NotEqual(before, theta);
    }

    [Fact]
    public void Empty_spans_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam().Step(Span<double>.Empty, ReadOnlySpan<double>.Empty));
        Assert.Equal("parameters", e.ParamName);
    }
}
