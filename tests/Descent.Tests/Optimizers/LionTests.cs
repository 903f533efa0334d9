using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Lion is not in PyTorch 1.13, so it is pinned by hand-worked steps, a naive transcription of the
/// paper's algorithm over 320 steps, and the same-bits check between the vector body and the tail.
/// </summary>
public class LionTests
{
    [Fact]
    public void Two_steps_by_hand()
    {
        // η = 0.1, β₁ = 0.9, β₂ = 0.99, λ = 0.5, θ₀ = (1, −2, 3), g₁ = (0.4, 0, −2), g₂ = (−1, 0.3, −0.1).
        var lion = new Lion(0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.5);
        double[] theta = [1, -2, 3];
        lion.Step(theta, [0.4, 0, -2]);
        // c = 0.1·g₁ = (0.04, 0, −0.2) → sign (1, 0, −1); θ ← θ − 0.1(sign + 0.5θ):
        // 1 − 0.1(1 + 0.5) = 0.85; −2 − 0.1(0 − 1) = −1.9; 3 − 0.1(−1 + 1.5) = 2.95.
        Close.All([0.85, -1.9, 2.95], theta, "θ after step 1", 1e-15);
        // m = 0.01·g₁ = (0.004, 0, −0.02).
        Close.All([0.004, 0, -0.02], lion.Momentum, "m after step 1", 1e-15);
        lion.Step(theta, [-1, 0.3, -0.1]);
        // c = 0.9m + 0.1g₂ = (0.0036 − 0.1, 0.03, −0.018 − 0.01) = (−0.0964, 0.03, −0.028) → (−1, 1, −1).
        // θ: 0.85 − 0.1(−1 + 0.425) = 0.9075; −1.9 − 0.1(1 − 0.95) = −1.905; 2.95 − 0.1(−1 + 1.475) = 2.9025.
        Close.All([0.9075, -1.905, 2.9025], theta, "θ after step 2", 1e-15);
        // m = 0.99m + 0.01g₂ = (0.00396 − 0.01, 0.003, −0.0198 − 0.001).
        Close.All([-0.00604, 0.003, -0.0208], lion.Momentum, "m after step 2", 1e-14);
    }

    [Fact]
    public void Every_weight_moves_by_exactly_eta_without_weight_decay()
    {
        var lion = new Lion(0.01);
        double[] theta = [5, -3, 1e-9, 100];
        double[] before = (double[])theta.Clone();
        lion.Step(theta, [1e-12, -7e5, 3, -0.2]);
        for (int i = 0; i < theta.Length; i++) Assert.Equal(0.01, Math.Abs(theta[i] - before[i]), 1e-12); // up to θ's rounding
        // A zero direction does not move the weight: sign(0) = 0.
        var still = new Lion(0.01);
        double[] w = [2.0];
        still.Step(w, [0.0]);
        Assert.Equal(2.0, w[0]);
    }

    [Theory]
    [InlineData(1e-3, 0.9, 0.99, 0.0)]
    [InlineData(3e-3, 0.95, 0.98, 0.1)]
    [InlineData(1e-2, 0.0, 0.0, 0.5)]
    public void Follows_the_naive_transcription_for_320_steps(double lr, double beta1, double beta2, double lambda)
    {
        const int steps = 320;
        var random = new Random(5);
        double[] theta0 = [1.5, -0.75, 0.25, -2.0, 0.05, 4e-4, -3e-4, 0.0, 7.0];
        var grads = Enumerable.Range(0, steps).Select(t => theta0.Select((_, i) =>
            i == 7 || t % 17 == 5 ? 0.0 : Math.Sin(0.05 * t + i) + (random.NextDouble() - 0.5)).ToArray()).ToArray();
        // Naive: m from its closed form Σ (1 − β₂)β₂^(t−1−k) gₖ over steps before t, then the paper's lines.
        var expected = (double[])theta0.Clone();
        var lion = new Lion(lr, beta1, beta2, lambda);
        var theta = (double[])theta0.Clone();
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < theta0.Length; i++)
            {
                double m = 0;
                for (int k = 0; k < t; k++) m += (1 - beta2) * Math.Pow(beta2, t - 1 - k) * grads[k][i];
                double c = beta1 * m + (1 - beta1) * grads[t][i];
                expected[i] -= lr * (Math.Sign(c) + lambda * expected[i]);
            }
            lion.Step(theta, grads[t]);
            for (int i = 0; i < theta.Length; i++)
                Assert.True(Math.Abs(theta[i] - expected[i]) <= 1e-12 * Math.Max(Math.Abs(expected[i]), 1),
                    $"step {t + 1}, θ[{i}]: {theta[i]:R} vs {expected[i]:R}");
        }
    }

    [Fact]
    public void The_vector_body_and_the_scalar_tail_compute_the_same_bits()
    {
        const int n = 67;
        var random = new Random(3);
        double[] start = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var whole = new Lion(0.01, weightDecay: 0.1);
        var single = Enumerable.Range(0, n).Select(_ => new Lion(0.01, weightDecay: 0.1)).ToArray();
        double[] theta = (double[])start.Clone();
        double[][] alone = start.Select(x => new[] { x }).ToArray();
        for (int t = 0; t < 100; t++)
        {
            double[] g = Enumerable.Range(0, n).Select(i => i % 9 == 0 ? 0.0 : Math.Cos(t + i) - 0.3).ToArray();
            whole.Step(theta, g);
            for (int i = 0; i < n; i++)
            {
                single[i].Step(alone[i], g.AsSpan(i, 1));
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone[i][0]), BitConverter.DoubleToInt64Bits(theta[i]));
            }
        }
    }

    [Fact]
    public void Defaults_are_the_papers_and_bad_values_are_named()
    {
        var lion = new Lion();
        Assert.Equal((1e-4, 0.9, 0.99, 0.0), (lion.LearningRate, lion.Beta1, lion.Beta2, lion.WeightDecay));
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(beta1: 1)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(weightDecay: -1)).ParamName);
    }
}
