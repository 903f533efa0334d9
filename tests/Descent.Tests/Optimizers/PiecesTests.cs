using Descent.Optimizers;
using Descent.Optimizers.Pieces;

namespace Descent.Tests.Optimizers;

public class PiecesTests
{
    [Fact]
    public void Leaky_average_weights_a_value_k_steps_back_by_one_minus_beta_times_beta_to_the_k()
    {
        var a = new LeakyAverage(0.8);
        a.Add([1.0]);
        for (int k = 1; k <= 5; k++) a.Add([0.0]);
        Close.Assert(0.2 * Math.Pow(0.8, 5), a.Value[0], "a₆");
        Close.Assert(1 - Math.Pow(0.8, 6), a.BiasCorrection, "1 − β⁶");
        Assert.Equal(6, a.Count);
    }

    [Fact]
    public void Bias_correction_recovers_a_constant()
    {
        var a = new LeakyAverage(0.999, ofSquares: true);
        for (int t = 0; t < 37; t++)
        {
            a.Add([-3.0, 0.5]);
            Close.Assert(9, a.Corrected(0), $"v̂ at t={t + 1}");
            Close.Assert(0.25, a.Corrected(1), $"v̂ at t={t + 1}");
        }
    }

    [Fact]
    public void Leaky_average_checks_its_inputs()
    {
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyAverage(1.0)).ParamName);
        var a = new LeakyAverage(0.5);
        a.Add([1.0, 2.0]);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => a.Add([1.0])).ParamName);
        a.Reset();
        a.Add([1.0]); // a new length after Reset is fine
        Assert.Equal(1, a.Count);
    }

    [Theory]
    [InlineData(0.001, 0.9, 0.999, 1e-8)]
    [InlineData(0.3, 0.5, 0.9, 1e-4)]
    public void Adam_from_pieces_is_adam(double lr, double beta1, double beta2, double eps)
    {
        var fused = new Adam(lr, beta1: beta1, beta2: beta2, epsilon: eps);
        var pieces = new AdamFromPieces(lr, beta1: beta1, beta2: beta2, epsilon: eps);
        double[] a = [1.0, -2.0, 3.0], b = [1.0, -2.0, 3.0];
        for (int t = 0; t < 50; t++)
        {
            double[] g = [Math.Sin(t), Math.Cos(t) * 1e3, t % 3 == 0 ? 0 : 1e-3];
            fused.Step(a, g);
            pieces.Step(b, g);
            Close.All(a, b, $"θ after step {t + 1}");
        }
        pieces.Reset();
        Assert.Equal(0, pieces.Momentum.Count);
    }
}
