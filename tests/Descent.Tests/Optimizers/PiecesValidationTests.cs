using Descent.Optimizers.Pieces;

namespace Descent.Tests.Optimizers;

/// <summary>Bad settings and inputs are explained (parameter, value, valid range) and change nothing; Reset.</summary>
public class PiecesValidationTests
{
    private static void Rejects(Func<object> create, string parameter, string value, string range)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains($"{parameter} = {value}", e.Message);
        Assert.Contains(range, e.Message);
    }

    [Fact]
    public void Pieces_reject_bad_settings()
    {
        Rejects(() => new Trace(-0.1), "decay", "-0.1", "[0, ∞)");
        Rejects(() => new Trace(double.NaN), "decay", "NaN", "[0, ∞)");
        Rejects(() => new Ema(1.0), "decay", "1", "[0, 1)");
        Rejects(() => new Ema(-0.5), "decay", "-0.5", "[0, 1)");
        Rejects(() => new ScaleByRms(0.9, epsilon: -1e-8), "epsilon", "-1E-08", "[0, ∞)");
        Rejects(() => new ScaleByRms(1.5), "decay", "1.5", "[0, 1)");
        Rejects(() => new ScaleByLearningRate(-0.1), "learningRate", "-0.1", "[0, ∞)");
        Rejects(() => new ScaleByLearningRate(double.PositiveInfinity), "learningRate", "Infinity", "[0, ∞)");
        Assert.Equal("transformations", Assert.ThrowsAny<ArgumentException>(() => new Chain()).ParamName);
        Assert.Equal("transformations",
            Assert.ThrowsAny<ArgumentException>(() => new Chain(new Trace(0.5), null!)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new ComposedOptimizer(" ", 0.1)).ParamName);
    }

    [Fact]
    public void Compositions_name_their_own_parameters()
    {
        Rejects(() => Compose.Momentum(-1), "learningRate", "-1", "[0, ∞)");
        Rejects(() => Compose.Momentum(0.1, momentum: -0.9), "momentum", "-0.9", "[0, ∞)");
        var nesterov = Assert.Throws<ArgumentException>(() => Compose.Momentum(0.1, momentum: 0, nesterov: true));
        Assert.Equal("nesterov", nesterov.ParamName);
        Assert.Contains("momentum = 0", nesterov.Message);
        Rejects(() => Compose.RmsProp(double.NaN), "learningRate", "NaN", "[0, ∞)");
        Rejects(() => Compose.RmsProp(alpha: 1), "alpha", "1", "[0, 1)");
        Rejects(() => Compose.RmsProp(epsilon: -1), "epsilon", "-1", "[0, ∞)");
        Rejects(() => Compose.Adam(beta1: 1), "beta1", "1", "[0, 1)");
        Rejects(() => Compose.Adam(beta2: -0.1), "beta2", "-0.1", "[0, 1)");
        Rejects(() => Compose.Adam(epsilon: double.NaN), "epsilon", "NaN", "[0, ∞)");
    }

    [Fact]
    public void A_zero_learning_rate_is_valid_and_a_bad_one_leaves_the_old_one()
    {
        Assert.Equal(0, Compose.Momentum(0).LearningRate);
        Assert.Equal(0, Compose.RmsProp(0).LearningRate);
        var adam = Compose.Adam(0.01);
        adam.LearningRate = 0;
        Assert.Equal(0, adam.LearningRate);
        Assert.Equal(0, ((ScaleByLearningRate)adam.Transformations[^1]).LearningRate); // η lives in one place
        Rejects(() => adam.LearningRate = -1, "learningRate", "-1", "[0, ∞)");
        Assert.Equal(0, adam.LearningRate);
    }

    [Fact]
    public void A_piece_refuses_a_new_length_and_keeps_its_state()
    {
        var ema = new Ema(0.5);
        ema.Add([1.0, 2.0]);
        var e = Assert.Throws<ArgumentException>(() => ema.Add([1.0]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("x.Length = 1 changed", e.Message);
        Assert.Contains("the valid value is 2", e.Message);
        Assert.Equal([0.5, 1.0], ema.Value);
        Assert.Equal(1, ema.Count);

        var trace = new Trace(0.5);
        trace.Add([1.0, 2.0]);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => trace.Add([1.0, 2.0, 3.0])).ParamName);
        Assert.Equal([1.0, 2.0], trace.Value);

        var rms = new ScaleByRms(0.5);
        rms.Transform(new double[] { 2.0 }, [2.0]);
        double[] u = [5.0, 5.0];
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => rms.Transform(u, [1.0, 1.0])).ParamName);
        Assert.Equal([5.0, 5.0], u);
        Assert.Equal([2.0], rms.SquareAverage.Value);
    }

    [Fact]
    public void Pieces_refuse_empty_and_mismatched_inputs()
    {
        var e = Assert.Throws<ArgumentException>(() => new Ema(0.5).Add([]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("x.Length = 0 is out of range", e.Message);
        var chain = new Chain(new Trace(0.5));
        Assert.Equal("gradient",
            Assert.Throws<ArgumentException>(() => chain.Transform(new double[2], new double[3])).ParamName);
        Assert.Throws<InvalidOperationException>(() => new Ema(0.5).Corrected(0));
    }

    [Fact]
    public void The_optimizer_checks_everything_before_it_changes_anything()
    {
        var opt = Compose.Adam(0.1);
        double[] theta = [1.0, 2.0];
        opt.Step(theta, [0.5, -0.5]);
        double[] before = [.. theta];
        double[] m = [.. ((Ema)opt.Transformations[0]).Value];

        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => opt.Step(theta, [1.0])).ParamName);
        double[] longer = [1.0, 2.0, 3.0];
        var e = Assert.Throws<ArgumentException>(() => opt.Step(longer, [1.0, 1.0, 1.0]));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("parameters.Length = 3 changed", e.Message);
        Assert.Contains("Reset()", e.Message);
        Assert.Equal("parameters",
            Assert.Throws<ArgumentException>(() => Compose.RmsProp().Step(Span<double>.Empty, [])).ParamName);

        Assert.Equal(before, theta);
        Assert.Equal([1.0, 2.0, 3.0], longer);
        Assert.Equal(m, ((Ema)opt.Transformations[0]).Value);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal(2, opt.Length);
    }

    [Fact]
    public void Reset_forgets_the_state_of_every_piece()
    {
        var ema = new Ema(0.9);
        ema.Add([1.0, 2.0]);
        ema.Reset();
        Assert.Equal(0, ema.Count);
        Assert.Empty(ema.Value);
        Assert.Equal(0, ema.BiasCorrection);
        ema.Add([3.0]); // a new length after Reset is fine
        Close.Assert(0.1 * 3.0, ema.Value[0], "a after Reset");

        var trace = new Trace(0.9);
        trace.Add([1.0]);
        trace.Reset();
        Assert.Equal(0, trace.Count);
        Assert.Empty(trace.Value);

        var rms = new ScaleByRms(0.9);
        rms.Transform(new double[] { 1.0 }, [1.0]);
        rms.Reset();
        Assert.Empty(rms.SquareAverage.Value);
        rms.Transform(new double[] { 1.0, 1.0 }, [1.0, 1.0]);
        Assert.Equal(2, rms.SquareAverage.Value.Count);
    }

    [Fact]
    public void A_reset_optimizer_steps_exactly_as_a_new_one_for_any_length()
    {
        var used = Compose.Adam(0.05, beta1: 0.8);
        double[] theta = [1.0, 2.0];
        for (int t = 0; t < 10; t++) used.Step(theta, [Math.Sin(t), Math.Cos(t)]);
        used.Reset();
        Assert.Equal(0, used.StepCount);
        Assert.Equal(0, used.Length);
        Assert.Equal(0.05, used.LearningRate); // η is a setting, not state

        var fresh = Compose.Adam(0.05, beta1: 0.8);
        double[] a = [1.0, -1.0, 0.5], b = [1.0, -1.0, 0.5];
        for (int t = 0; t < 10; t++)
        {
            double[] g = [t, -0.5 * t, 1.0];
            used.Step(a, g);
            fresh.Step(b, g);
            Assert.Equal(b, a); // bit for bit
        }
    }
}
