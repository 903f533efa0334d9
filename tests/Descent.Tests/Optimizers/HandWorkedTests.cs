using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>A few steps of each optimizer worked out by hand (the arithmetic is in the comments).</summary>
public class HandWorkedTests
{
    [Fact]
    public void Sgd_one_step()
    {
        double[] theta = [1.0, -2.0];
        new Sgd(0.1).Step(theta, [0.5, -4.0]);
        // 1 − 0.1·0.5 = 0.95;  −2 − 0.1·(−4) = −1.6
        Close.All([0.95, -1.6], theta, "θ");
    }

    [Fact]
    public void Momentum_three_steps_of_a_constant_gradient()
    {
        // b₁ = 1 → θ = 1 − 0.1 = 0.9;  b₂ = 0.9 + 1 = 1.9 → θ = 0.71;  b₃ = 1.71 + 1 = 2.71 → θ = 0.439
        var opt = new Momentum(0.1, momentum: 0.9);
        double[] theta = [1.0];
        double[] expected = [0.9, 0.71, 0.439];
        double[] velocities = [1, 1.9, 2.71];
        for (int t = 0; t < 3; t++)
        {
            opt.Step(theta, [1.0]);
            Close.Assert(expected[t], theta[0], $"θ after step {t + 1}");
            Close.Assert(velocities[t], opt.Velocity[0], $"b after step {t + 1}");
        }
    }

    [Fact]
    public void Nesterov_two_steps()
    {
        // μ = 0.5, γ = 1, g = 2 then 2:  b₁ = 2, step = 2 + 0.5·2 = 3 → θ = −3;
        // b₂ = 0.5·2 + 2 = 3, step = 2 + 0.5·3 = 3.5 → θ = −6.5
        var opt = new Sgd(1, momentum: 0.5, nesterov: true);
        double[] theta = [0.0];
        opt.Step(theta, [2.0]);
        Close.Assert(-3, theta[0], "θ₁");
        opt.Step(theta, [2.0]);
        Close.Assert(-6.5, theta[0], "θ₂");
    }

    [Fact]
    public void AdaGrad_two_steps_with_a_3_4_5_triangle()
    {
        // ε = 0: h₁ = 9 → θ = 1 − 0.1·3/3 = 0.9;  h₂ = 9 + 16 = 25 → θ = 0.9 − 0.1·4/5 = 0.82
        var opt = new AdaGrad(0.1, epsilon: 0);
        double[] theta = [1.0];
        opt.Step(theta, [3.0]);
        Close.Assert(0.9, theta[0], "θ₁");
        opt.Step(theta, [4.0]);
        Close.Assert(0.82, theta[0], "θ₂");
        Close.Assert(25, opt.SumOfSquares[0], "h₂");
        Close.Assert(0.1 / 5, opt.EffectiveLearningRate(0), "η/√h");
    }

    [Fact]
    public void AdaGrad_learning_rate_decay()
    {
        // η = 1: γ̃₂ = 0.1/(1 + 1·1) = 0.05; ε = 0, g = 1, 1: θ = 1 − 0.1·1/1 = 0.9, then 0.9 − 0.05·1/√2
        var opt = new AdaGrad(0.1, learningRateDecay: 1, epsilon: 0);
        double[] theta = [1.0];
        opt.Step(theta, [1.0]);
        opt.Step(theta, [1.0]);
        Close.Assert(0.9 - 0.05 / Math.Sqrt(2), theta[0], "θ₂");
    }

    [Fact]
    public void RmsProp_two_steps()
    {
        // α = 0.5, ε = 0, γ = 0.1, g = 2, 2:  v₁ = 0.5·4 = 2 → θ = −0.1·2/√2 = −√2/10;
        // v₂ = 0.5·2 + 0.5·4 = 3 → θ = −√2/10 − 0.2/√3
        var opt = new RmsProp(0.1, alpha: 0.5, epsilon: 0);
        double[] theta = [0.0];
        opt.Step(theta, [2.0]);
        Close.Assert(-Math.Sqrt(2) / 10, theta[0], "θ₁");
        opt.Step(theta, [2.0]);
        Close.Assert(-Math.Sqrt(2) / 10 - 0.2 / Math.Sqrt(3), theta[0], "θ₂");
        Close.Assert(3, opt.SquareAverage[0], "v₂");
    }

    [Fact]
    public void Centered_RmsProp_first_step()
    {
        // α = 0.5, g = 2: v = 2, ḡ = 1, ṽ = 2 − 1 = 1 → θ = −0.1·2/1 = −0.2 (ε = 0)
        var opt = new RmsProp(0.1, alpha: 0.5, epsilon: 0, centered: true);
        double[] theta = [0.0];
        opt.Step(theta, [2.0]);
        Close.Assert(-0.2, theta[0], "θ₁");
        Close.Assert(1, opt.GradientAverage[0], "ḡ₁");
    }

    [Fact]
    public void Adam_two_steps()
    {
        // β₁ = 0.5, β₂ = 0.75, ε = 0, γ = 1, g = 4 then 2.
        // t=1: m = 2, v = 4 → m̂ = 2/0.5 = 4, v̂ = 4/0.25 = 16 → θ = −4/4 = −1
        // t=2: m = 1 + 1 = 2, v = 3 + 1 = 4 → m̂ = 2/0.75 = 8/3, v̂ = 4/(1 − 0.5625) = 64/7 → θ = −1 − (8/3)/√(64/7)
        var opt = new Adam(1, beta1: 0.5, beta2: 0.75, epsilon: 0);
        double[] theta = [0.0];
        opt.Step(theta, [4.0]);
        Close.Assert(-1, theta[0], "θ₁");
        opt.Step(theta, [2.0]);
        Close.Assert(-1 - 8.0 / 3 / Math.Sqrt(64.0 / 7), theta[0], "θ₂");
        Close.Assert(2, opt.FirstMoment[0], "m₂");
        Close.Assert(4, opt.SecondMoment[0], "v₂");
    }

    [Fact]
    public void AmsGrad_keeps_the_largest_raw_second_moment()
    {
        // β₁ = 0, β₂ = 0.5, ε = 0, γ = 1, g = 4 then 0.
        // t=1: v = 8, vmax = 8, v̂ = 8/0.5 = 16, m̂ = 4 → θ = −1
        // t=2: v = 4, vmax = 8, v̂ = 8/0.75, m̂ = 0 → θ stays −1; then g = 1 at t=3: v = 2.5, vmax = 8,
        //      v̂ = 8/0.875, m̂ = 1 → θ = −1 − 1/√(8/0.875)
        var opt = new Adam(1, beta1: 0, beta2: 0.5, epsilon: 0, amsGrad: true);
        double[] theta = [0.0];
        opt.Step(theta, [4.0]);
        opt.Step(theta, [0.0]);
        Close.Assert(-1, theta[0], "θ₂");
        opt.Step(theta, [1.0]);
        Close.Assert(-1 - 1 / Math.Sqrt(8 / 0.875), theta[0], "θ₃");
        Close.Assert(8, opt.MaxSecondMoment[0], "vmax");
    }

    [Fact]
    public void AdamW_decays_the_weight_before_the_step()
    {
        // γ = 0.1, λ = 0.5, θ = 2, g = 0: θ ← 2·(1 − 0.05) = 1.9, and m = v = 0 so the Adam part is 0.
        var opt = new AdamW(0.1, weightDecay: 0.5);
        double[] theta = [2.0];
        opt.Step(theta, [0.0]);
        Close.Assert(1.9, theta[0], "θ₁");
    }

    [Fact]
    public void NAdam_two_steps_with_decoupled_weight_decay()
    {
        // PyTorch 2 (decoupled_weight_decay=True): θ ← θ(1 − γλ) first, then NAdam on the plain g.
        // γ = 0.1, β₁ = 0.5, β₂ = 0.75, ε = 0, λ = 0.5, ψ = 0 so μₜ = β₁(1 − ½·0.96⁰) = 0.25 at every t;
        // θ₀ = 2, g = 4 then 2.
        // t=1: θ ← 2·0.95 = 1.9;  Π₁ = 0.25;  m = 0.5·4 = 2;  v = 0.25·16 = 4;  d = √(4/0.25) = 4
        //      gradient part 0.1·(1 − 0.25)/(1 − 0.25)·4/4 = 0.1 → θ = 1.8
        //      momentum part 0.1·0.25/(1 − 0.25·0.25)·2/4 = 0.0125/0.9375 = 1/75 → θ₁ = 1.8 − 1/75 = 134/75
        //      (coupled, g = 4 + 0.5·2 = 5 would give 2 − 0.1 − 1/75 = 1.88667: the option is seen)
        // t=2: θ ← (134/75)·0.95 = 127.3/75;  Π₂ = 0.0625;  m = 1 + 1 = 2;  v = 3 + 1 = 4;
        //      d = √(4/(1 − 0.5625)) = √(64/7) = 8/√7
        //      gradient part 0.1·0.75/0.9375·2/d = 0.16·√7/8 = 0.02√7
        //      momentum part 0.1·0.25/(1 − 0.0625·0.25)·2/d = (0.025·64/63)·(√7/4) = (0.4/63)√7
        //      θ₂ = 127.3/75 − 0.02√7 − (0.4/63)√7 = 1.62761988609
        var opt = new NAdam(0.1, beta1: 0.5, beta2: 0.75, epsilon: 0, weightDecay: 0.5, momentumDecay: 0,
            decoupledWeightDecay: true);
        double[] theta = [2.0];
        opt.Step(theta, [4.0]);
        Close.Assert(134.0 / 75, theta[0], "θ₁");
        opt.Step(theta, [2.0]);
        Close.Assert(127.3 / 75 - 0.02 * Math.Sqrt(7) - 0.4 / 63 * Math.Sqrt(7), theta[0], "θ₂");
        Close.Assert(1.62761988609, theta[0], "θ₂ (hand decimals)", 1e-11);
        Close.Assert(2, opt.FirstMoment[0], "m₂");
        Close.Assert(4, opt.SecondMoment[0], "v₂");
        Close.Assert(0.0625, opt.MomentumProduct, "Π₂");
    }

    [Fact]
    public void RAdam_two_steps_with_decoupled_weight_decay()
    {
        // PyTorch 2 (decoupled_weight_decay=True): θ ← θ(1 − γλ) first, then RAdam on the plain g.
        // γ = 0.1, β₁ = 0.5, β₂ = 0.999, λ = 0.5, θ₀ = 2, g = 4 then 2. ρ₁ = 1 and ρ₂ ≈ 2 are ≤ 5, so both
        // steps are the un-adapted θ ← θ − γm̂ (ρₜ passes 5 at t = 6 at the earliest, whatever β₂ is).
        // t=1: θ ← 2·0.95 = 1.9;  m = 0.5·4 = 2;  m̂ = 2/(1 − 0.5) = 4 → θ₁ = 1.9 − 0.4 = 1.5
        //      (the same as coupled at t = 1: θ − γ(g + λθ) = 2 − 0.1·5 = 1.5, since m̂₁ = g₁)
        // t=2: θ ← 1.5·0.95 = 1.425;  m = 1 + 1 = 2;  m̂ = 2/(1 − 0.25) = 8/3 → θ₂ = 1.425 − 0.8/3 = 1.158333…
        //      (coupled: g = 2 + 0.75 = 2.75, m = 1.25 + 1.375 = 2.625, m̂ = 3.5 → 1.5 − 0.35 = 1.15)
        var opt = new RAdam(0.1, beta1: 0.5, beta2: 0.999, weightDecay: 0.5, decoupledWeightDecay: true);
        Assert.True(opt.RhoAt(1) <= 5 && opt.RhoAt(2) <= 5, $"ρ₁ = {opt.RhoAt(1)}, ρ₂ = {opt.RhoAt(2)}");
        double[] theta = [2.0];
        opt.Step(theta, [4.0]);
        Close.Assert(1.5, theta[0], "θ₁");
        opt.Step(theta, [2.0]);
        Close.Assert(1.425 - 0.8 / 3, theta[0], "θ₂");
        Close.Assert(2, opt.FirstMoment[0], "m₂");

        var coupled = new RAdam(0.1, beta1: 0.5, beta2: 0.999, weightDecay: 0.5);
        double[] other = [2.0];
        coupled.Step(other, [4.0]);
        coupled.Step(other, [2.0]);
        Close.Assert(1.15, other[0], "θ₂ coupled");
    }
}
