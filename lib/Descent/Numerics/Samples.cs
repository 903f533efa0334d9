using MathNet.Numerics.Distributions;

namespace Descent.Numerics;

/// <summary>
/// Random samples for the whole library (gradient noise, datasets, weight initialisation), drawn by
/// MathNet.Numerics from a seeded <see cref="Random"/>, so a seed reproduces every number.
/// </summary>
public static class Samples
{
    /// <summary>
    /// One draw from the standard normal distribution N(0, 1), made by MathNet's
    /// <see cref="Normal.Sample(Random, double, double)"/> (Marsaglia's polar method) from
    /// <paramref name="random"/>; the same seed gives the same sequence of samples.
    /// </summary>
    /// <param name="random">The seeded generator the sample is drawn from; not null.</param>
    public static double StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Normal.Sample(random, mean: 0, stddev: 1);
    }
}
