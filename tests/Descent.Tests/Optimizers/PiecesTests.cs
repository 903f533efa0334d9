using Descent.Optimizers.Pieces;

namespace Descent.Tests.Optimizers;

/// <summary>Each piece on two or three steps worked by hand (the arithmetic is in the comments).</summary>
public class PiecesTests
{
    [Fact]
    public void Trace_sums_with_decay_by_hand()
    {
        var b = new Trace(decay: 0.5);
        b.Add([2.0]);   // b = 0.5·0 + 2 = 2
        Assert.Equal(2.0, b.Value[0]);
        b.Add([-1.0]);  // b = 0.5·2 − 1 = 0
        Assert.Equal(0.0, b.Value[0]);
        b.Add([4.0]);   // b = 0.5·0 + 4 = 4
        Assert.Equal(4.0, b.Value[0]);
        Assert.Equal(3, b.Count);
    }

    [Fact]
    public void Trace_as_a_link_passes_on_b_or_the_nesterov_look_ahead_by_hand()
    {
        var plain = new Trace(0.5);
        var nesterov = new Trace(0.5, nesterov: true);
        double[] gs = [2.0, -1.0, 4.0];
        // b:            2,             0,              4
        // plain out:    b = 2,         0,              4
        // nesterov out: g + μb = 2 + 1 = 3, −1 + 0 = −1, 4 + 2 = 6
        double[] expectedPlain = [2.0, 0.0, 4.0], expectedNesterov = [3.0, -1.0, 6.0];
        for (int t = 0; t < 3; t++)
        {
            double[] u = [gs[t]], w = [gs[t]];
            plain.Transform(u, [gs[t]]);
            nesterov.Transform(w, [gs[t]]);
            Assert.Equal(expectedPlain[t], u[0]);
            Assert.Equal(expectedNesterov[t], w[0]);
            Assert.Equal(plain.Value[0], nesterov.Value[0]); // Nesterov changes the output, not the trace
        }
    }

    [Fact]
    public void Ema_averages_and_debiases_by_hand()
    {
        var a = new Ema(decay: 0.5);
        a.Add([2.0]);   // a = 0.5·0 + 0.5·2 = 1;      1 − β¹ = 0.5;   â = 1/0.5 = 2
        Assert.Equal(1.0, a.Value[0]);
        Assert.Equal(0.5, a.BiasCorrection);
        Assert.Equal(2.0, a.Corrected(0));
        a.Add([-1.0]);  // a = 0.5·1 + 0.5·(−1) = 0;   1 − β² = 0.75;  â = 0
        Assert.Equal(0.0, a.Value[0]);
        Assert.Equal(0.75, a.BiasCorrection);
        Assert.Equal(0.0, a.Corrected(0));
        a.Add([4.0]);   // a = 0.5·0 + 0.5·4 = 2;      1 − β³ = 0.875; â = 2/0.875 = 16/7
        Assert.Equal(2.0, a.Value[0]);
        Assert.Equal(0.875, a.BiasCorrection);
        Close.Assert(16.0 / 7.0, a.Corrected(0), "â₃");
    }

    [Fact]
    public void Ema_as_a_link_passes_on_a_or_a_hat_by_hand()
    {
        var raw = new Ema(0.5);
        var debiased = new Ema(0.5, debias: true);
        double[] xs = [2.0, -1.0, 4.0];
        double[] expectedRaw = [1.0, 0.0, 2.0], expectedDebiased = [2.0, 0.0, 16.0 / 7.0]; // as above
        for (int t = 0; t < 3; t++)
        {
            double[] u = [xs[t]], w = [xs[t]];
            raw.Transform(u, [xs[t]]);
            debiased.Transform(w, [xs[t]]);
            Close.Assert(expectedRaw[t], u[0], $"a at t={t + 1}");
            Close.Assert(expectedDebiased[t], w[0], $"â at t={t + 1}");
        }
    }

    [Fact]
    public void Trace_weights_sum_to_one_over_one_minus_mu_and_ema_weights_to_one()
    {
        // A constant 1 for 300 steps: the trace is 1 + μ + … + μ²⁹⁹ = (1 − μ³⁰⁰)/(1 − μ) → 10 for μ = 0.9,
        // the EMA is (1 − β)(1 + β + … + β²⁹⁹) = 1 − β³⁰⁰ → 1.
        var trace = new Trace(0.9);
        var ema = new Ema(0.9);
        for (int t = 0; t < 300; t++)
        {
            trace.Add([1.0]);
            ema.Add([1.0]);
        }
        Close.Assert((1 - Math.Pow(0.9, 300)) / (1 - 0.9), trace.Value[0], "trace of ones", 1e-13);
        Close.Assert(1 - Math.Pow(0.9, 300), ema.Value[0], "EMA of ones", 1e-13);
        Close.Assert(1.0, ema.Corrected(0), "debiased EMA of ones", 1e-13);
    }

    [Fact]
    public void From_zero_a_trace_is_the_ema_with_the_same_decay_divided_by_one_minus_the_decay()
    {
        var trace = new Trace(0.8);
        var ema = new Ema(0.8);
        for (int t = 0; t < 60; t++)
        {
            double[] g = [Math.Sin(0.7 * t) * 5, t % 4 == 0 ? 0 : -1.5];
            trace.Add(g);
            ema.Add(g);
            for (int i = 0; i < 2; i++)
                Near.Assert(ema.Value[i] / (1 - 0.8), trace.Value[i], $"b[{i}] at t={t + 1}");
        }
    }

    [Fact]
    public void Scale_by_rms_divides_g_by_root_v_plus_epsilon_by_hand()
    {
        var rms = new ScaleByRms(decay: 0.75, epsilon: 0.5);
        double[] u = [2.0];
        rms.Transform(u, [2.0]);  // v = 0.75·0 + 0.25·2² = 1;    u = 2/(√1 + 0.5) = 4/3
        Assert.Equal(1.0, rms.SquareAverage.Value[0]);
        Close.Assert(4.0 / 3.0, u[0], "u₁");
        u = [1.0];
        rms.Transform(u, [1.0]);  // v = 0.75·1 + 0.25·1² = 1;    u = 1/1.5 = 2/3
        Assert.Equal(1.0, rms.SquareAverage.Value[0]);
        Close.Assert(2.0 / 3.0, u[0], "u₂");
        u = [0.0];
        rms.Transform(u, [0.0]);  // v = 0.75·1 + 0 = 0.75;       u = 0/(√0.75 + 0.5) = 0
        Assert.Equal(0.75, rms.SquareAverage.Value[0]);
        Assert.Equal(0.0, u[0]);
    }

    [Fact]
    public void Debiased_scale_by_rms_squares_the_gradient_and_divides_the_incoming_update_by_hand()
    {
        // Adam's situation: the update coming in (m̂ = 3 here) is not the gradient whose square is averaged.
        var rms = new ScaleByRms(decay: 0.75, epsilon: 0, debias: true);
        double[] u = [3.0];
        rms.Transform(u, [2.0]);   // v = 0.25·4 = 1;              1 − 0.75 = 0.25;       v̂ = 4;     u = 3/2
        Assert.Equal(1.5, u[0]);
        u = [3.0];
        rms.Transform(u, [-2.0]);  // v = 0.75 + 0.25·4 = 1.75;    1 − 0.75² = 0.4375;    v̂ = 4;     u = 3/2
        Assert.Equal(1.75, rms.SquareAverage.Value[0]);
        Close.Assert(1.5, u[0], "u₂");
        u = [3.0];
        rms.Transform(u, [0.0]);   // v = 0.75·1.75 = 1.3125 = 21/16; 1 − 0.75³ = 37/64; v̂ = 84/37; u = 3/√(84/37)
        Assert.Equal(1.3125, rms.SquareAverage.Value[0]);
        Close.Assert(3 / Math.Sqrt(84.0 / 37.0), u[0], "u₃");
    }

    [Fact]
    public void Scale_by_learning_rate_turns_a_direction_into_a_step()
    {
        var rate = new ScaleByLearningRate(0.5);
        double[] u = [2.0, -4.0, 0.0];
        rate.Transform(u, [0.0, 0.0, 0.0]);  // u ← −0.5·u
        Assert.Equal([-1.0, 2.0, 0.0], u);
        rate.LearningRate = 0;               // η = 0 is valid: the step is zero
        rate.Transform(u, [0.0, 0.0, 0.0]);
        Assert.Equal([0.0, 0.0, 0.0], u);
    }

    [Fact]
    public void Chain_runs_its_pieces_in_order()
    {
        // trace(0.5) then scale_by_learning_rate(0.5): g = 2 → b = 2 → −1; g = −1 → b = 0 → 0
        var chain = new Chain(new Trace(0.5), new ScaleByLearningRate(0.5));
        double[] u = [2.0];
        chain.Transform(u, [2.0]);
        Assert.Equal(-1.0, u[0]);
        u = [-1.0];
        chain.Transform(u, [-1.0]);
        Assert.Equal(0.0, u[0]);
        Assert.Equal("chain(trace(μ=0.5), scale_by_learning_rate(η=0.5))", chain.ToString());
    }

    [Fact]
    public void Composed_momentum_by_hand()
    {
        var opt = Compose.Momentum(learningRate: 0.1, momentum: 0.5);
        double[] theta = [1.0];
        opt.Step(theta, [2.0]);   // b = 2;              θ = 1 − 0.1·2 = 0.8
        Close.Assert(0.8, theta[0], "θ₁");
        opt.Step(theta, [-1.0]);  // b = 0.5·2 − 1 = 0;  θ = 0.8
        Close.Assert(0.8, theta[0], "θ₂");
        opt.Step(theta, [4.0]);   // b = 4;              θ = 0.8 − 0.4 = 0.4
        Close.Assert(0.4, theta[0], "θ₃");
        Assert.Equal(3, opt.StepCount);
    }

    [Fact]
    public void Composed_rmsprop_by_hand()
    {
        var opt = Compose.RmsProp(learningRate: 0.5, alpha: 0.75, epsilon: 0.5);
        double[] theta = [0.0];
        opt.Step(theta, [2.0]);   // v = 1; g/(√v + ε) = 4/3; θ = −0.5·4/3 = −2/3
        Close.Assert(-2.0 / 3.0, theta[0], "θ₁");
        opt.Step(theta, [1.0]);   // v = 1; 1/1.5 = 2/3;      θ = −2/3 − 1/3 = −1
        Close.Assert(-1.0, theta[0], "θ₂");
    }

    [Fact]
    public void Composed_adam_by_hand()
    {
        var opt = Compose.Adam(learningRate: 1, beta1: 0.5, beta2: 0.75, epsilon: 0);
        double[] theta = [0.0];
        opt.Step(theta, [2.0]);
        // m = 0.5·2 = 1, m̂ = 1/0.5 = 2;  v = 0.25·4 = 1, v̂ = 1/0.25 = 4;  θ = 0 − 2/√4 = −1
        Close.Assert(-1.0, theta[0], "θ₁");
        opt.Step(theta, [1.0]);
        // m = 0.5 + 0.5 = 1, m̂ = 1/0.75 = 4/3;  v = 0.75 + 0.25 = 1, v̂ = 1/0.4375 = 16/7, √v̂ = 4/√7
        // θ = −1 − (4/3)/(4/√7) = −1 − √7/3
        Close.Assert(-1 - Math.Sqrt(7) / 3, theta[0], "θ₂");
        var m = (Ema)opt.Transformations[0];
        var rms = (ScaleByRms)opt.Transformations[1];
        Assert.Equal(1.0, m.Value[0]);
        Assert.Equal(1.0, rms.SquareAverage.Value[0]);
    }

    [Fact]
    public void A_zero_learning_rate_moves_nothing_but_the_pieces_still_learn()
    {
        var opt = Compose.Adam(learningRate: 0);
        double[] theta = [1.0, -1.0];
        opt.Step(theta, [3.0, -0.5]);
        Assert.Equal([1.0, -1.0], theta);
        Assert.Equal(1, opt.StepCount);
        Close.Assert(0.1 * 3.0, ((Ema)opt.Transformations[0]).Value[0], "m = (1 − β₁)g");
    }

    [Fact]
    public void The_optimizer_shows_its_chain()
    {
        Assert.Equal(
            "Adam = chain(ema(β=0.9, debias), scale_by_rms(β=0.999, ε=1E-08, debias), " +
            "scale_by_learning_rate(η=0.001)) (t=0)", Compose.Adam().ToString());
        Assert.Equal("Nesterov", Compose.Momentum(0.1, nesterov: true).Name);
        Assert.Equal("RMSProp", Compose.RmsProp().Name);
    }
}

/// <summary>Close with an absolute floor: |a − b| ≤ tol · max(|b|, 1) (spec item 7).</summary>
internal static class Near
{
    public static void Assert(double expected, double actual, string what, double tolerance = 1e-12)
    {
        double error = Math.Abs(actual - expected);
        if (!(error <= tolerance * Math.Max(Math.Abs(expected), 1)))
            Xunit.Assert.Fail(
                $"{what}: expected {expected:R}, got {actual:R} " +
                $"(error {error:G3} > {tolerance:G3}·max(|expected|, 1))");
    }

    public static void All(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Xunit.Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert(expected[i], actual[i], $"{what}[{i}]");
    }
}
