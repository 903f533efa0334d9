using Descent.Numerics;

namespace Descent.Tests.Numerics;

public class SamplesTests
{
    private const int N = 100_000;

    private static double[] Draw(int seed, int count = N)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Samples.StandardNormal(random)).ToArray();
    }

    // Bounds for N(0, 1) samples, five standard errors wide. The sample mean has standard error
    // σ/√n = 1/√100000 ≈ 0.00316; the sample variance s² has variance 2σ⁴/(n − 1), standard error
    // √(2/99999) ≈ 0.00447; the fraction inside ±1 has standard error √(p(1 − p)/n) ≈ 0.00147 with
    // p = 0.682689 (= erf(1/√2)). A true N(0, 1) stream lands outside 5 standard errors with
    // probability ≈ 6e-7 per statistic; the seeds are fixed, so the test is deterministic anyway,
    // and a mean off by 0.02, a σ off by 1.2% or a non-normal shape with variance 1 (a uniform has
    // 57.7% inside ±1) fails.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12345)]
    public void Mean_variance_and_the_one_sigma_fraction_are_those_of_a_standard_normal(int seed)
    {
        double[] x = Draw(seed);
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (N - 1);
        double insideOneSigma = x.Count(v => Math.Abs(v) < 1) / (double)N;
        Assert.InRange(mean, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / (N - 1)), 1 + 5 * Math.Sqrt(2.0 / (N - 1)));
        double p = 0.682689492137086, se = Math.Sqrt(p * (1 - p) / N);
        Assert.InRange(insideOneSigma, p - 5 * se, p + 5 * se);
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples_and_another_seed_different_ones()
    {
        Assert.Equal(Draw(7, 1000), Draw(7, 1000));
        Assert.NotEqual(Draw(7, 1000), Draw(8, 1000));
    }

    [Fact]
    public void A_null_generator_is_refused()
    {
        var e = Assert.Throws<ArgumentNullException>(() => Samples.StandardNormal(null!));
        Assert.Equal("random", e.ParamName);
    }
}
