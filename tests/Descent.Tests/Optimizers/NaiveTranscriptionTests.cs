using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// The library against <see cref="Naive"/>, on 10 steps of seeded random gradients that include
/// exact zeros and very large components, for every option combination, with a learning rate
/// that changes between steps. Parameters start far from zero so that a relative tolerance of
/// 1e-12 is meaningful.
/// </summary>
public class NaiveTranscriptionTests
{
    private const int Steps = 10;

    private static (double[] Theta0, double[][] Grads, double[] Lrs) Problem(int seed, double lr)
    {
        var random = new Random(seed);
        double[] theta0 = Enumerable.Range(0, 6).Select(_ => 20 + 10 * random.NextDouble()).ToArray();
        var grads = Enumerable.Range(0, Steps).Select(t => Enumerable.Range(0, 6).Select(i => i switch
        {
            0 => 0.0,                                           // always zero
            1 => (random.NextDouble() - 0.5) * 1e9,             // very large
            _ => t == 3 ? 0.0 : random.NextDouble() * 4 - 2,    // ordinary, one zero step
        }).ToArray()).ToArray();
        double[] lrs = Enumerable.Range(0, Steps).Select(t => lr * (t < 5 ? 1 : 0.5 + 0.1 * t)).ToArray();
        return (theta0, grads, lrs);
    }

    private static void Compare(IOptimizer optimizer, double[] theta0, double[][] grads, double[] lrs, double[][] expected, string what)
    {
        var theta = (double[])theta0.Clone();
        for (int t = 0; t < grads.Length; t++)
        {
            optimizer.LearningRate = lrs[t];
            optimizer.Step(theta, grads[t]);
            Close.All(expected[t], theta, $"{what}, step {t + 1}");
        }
    }

    [Theory]
    [InlineData(0.0, 0.0, false, 0.0)]
    [InlineData(0.0, 0.0, false, 0.3)]
    [InlineData(0.9, 0.0, false, 0.0)]
    [InlineData(0.9, 0.5, false, 0.1)]
    [InlineData(0.8, 0.0, true, 0.0)]
    [InlineData(0.8, 0.0, true, 0.2)]
    public void Sgd_matches_the_documented_formula(double mu, double tau, bool nesterov, double lambda)
    {
        var (theta0, grads, lrs) = Problem(1, 1e-9);
        var expected = Naive.Sgd(theta0, grads, lrs, mu, tau, nesterov, lambda);
        Compare(new Sgd(lrs[0], momentum: mu, dampening: tau, nesterov: nesterov, weightDecay: lambda), theta0, grads, lrs, expected, "SGD");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 1e-10)]
    [InlineData(0.3, 0.0, 0.0, 1e-10)]
    [InlineData(0.0, 0.2, 0.0, 1e-10)]
    [InlineData(0.0, 0.0, 0.5, 1e-3)]
    [InlineData(0.1, 0.1, 0.1, 0.0)]
    public void AdaGrad_matches_the_documented_formula(double lrDecay, double lambda, double initial, double eps)
    {
        var (theta0, grads, lrs) = Problem(2, 0.5);
        var expected = Naive.AdaGrad(theta0, grads, lrs, lrDecay, lambda, initial, eps);
        Compare(new AdaGrad(lrs[0], learningRateDecay: lrDecay, weightDecay: lambda, initialAccumulatorValue: initial, epsilon: eps),
            theta0, grads, lrs, expected, "AdaGrad");
    }

    [Theory]
    [InlineData(0.99, 1e-8, 0.0, 0.0, false)]
    [InlineData(0.9, 1e-6, 0.1, 0.0, false)]
    [InlineData(0.99, 1e-8, 0.0, 0.9, false)]
    [InlineData(0.9, 1e-8, 0.0, 0.0, true)]
    [InlineData(0.95, 1e-8, 0.05, 0.5, true)]
    [InlineData(0.0, 1e-8, 0.0, 0.0, false)]
    public void RmsProp_matches_the_documented_formula(double alpha, double eps, double lambda, double mu, bool centered)
    {
        var (theta0, grads, lrs) = Problem(3, 0.01);
        var expected = Naive.RmsProp(theta0, grads, lrs, alpha, eps, lambda, mu, centered);
        Compare(new RmsProp(lrs[0], alpha: alpha, epsilon: eps, weightDecay: lambda, momentum: mu, centered: centered),
            theta0, grads, lrs, expected, "RMSProp");
    }

    [Theory]
    [InlineData(0.9, 0.999, 1e-8, 0.0, false)]
    [InlineData(0.5, 0.9, 1e-4, 0.0, false)]
    [InlineData(0.9, 0.999, 1e-8, 0.1, false)]
    [InlineData(0.9, 0.999, 1e-8, 0.0, true)]
    [InlineData(0.9, 0.9, 1e-8, 0.2, true)]
    [InlineData(0.0, 0.0, 1e-8, 0.0, false)]
    public void Adam_matches_the_documented_formula(double beta1, double beta2, double eps, double lambda, bool amsGrad)
    {
        var (theta0, grads, lrs) = Problem(4, 0.01);
        var expected = Naive.Adam(theta0, grads, lrs, beta1, beta2, eps, lambda, amsGrad, decoupled: false);
        Compare(new Adam(lrs[0], beta1: beta1, beta2: beta2, epsilon: eps, weightDecay: lambda, amsGrad: amsGrad),
            theta0, grads, lrs, expected, "Adam");
    }

    [Theory]
    [InlineData(0.9, 0.999, 1e-8, 0.01, false)]
    [InlineData(0.9, 0.999, 1e-8, 0.5, false)]
    [InlineData(0.9, 0.99, 1e-8, 0.1, true)]
    [InlineData(0.8, 0.9, 1e-6, 0.0, false)]
    public void AdamW_matches_the_documented_formula(double beta1, double beta2, double eps, double lambda, bool amsGrad)
    {
        var (theta0, grads, lrs) = Problem(5, 0.01);
        var expected = Naive.Adam(theta0, grads, lrs, beta1, beta2, eps, lambda, amsGrad, decoupled: true);
        Compare(new AdamW(lrs[0], beta1: beta1, beta2: beta2, epsilon: eps, weightDecay: lambda, amsGrad: amsGrad),
            theta0, grads, lrs, expected, "AdamW");
    }
}
