using Descent.Numerics;

namespace Descent.Training;

/// <summary>
/// A small in-memory dataset: <see cref="Count"/> rows of <see cref="Features"/> numbers (row-major in
/// <see cref="X"/>), with a class label per row (<see cref="Labels"/>) or a real target (<see cref="Targets"/>).
/// </summary>
public sealed record Dataset(string Name, double[] X, int Features, int[]? Labels, double[]? Targets, int Classes)
{
    /// <summary>Rows.</summary>
    public int Count => X.Length / Features;

    /// <summary>Whether this is classification (labels) rather than regression (targets).</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>Row i's features.</summary>
    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * Features, Features);
}

/// <summary>Synthetic, deterministic datasets made in code (a seed fixes every number).</summary>
public static class Datasets
{
    /// <summary>Interleaved spirals, one arm per class (the classic "hard for a linear model" set).</summary>
    public static Dataset Spirals(int pointsPerClass = 200, int classes = 3, double noise = 0.2, int seed = 0)
    {
        Require.AtLeast(pointsPerClass, 1);
        Require.AtLeast(classes, 2);
        Require.NonNegative(noise);
        var random = new Random(seed);
        var x = new double[pointsPerClass * classes * 2];
        var y = new int[pointsPerClass * classes];
        for (int c = 0; c < classes; c++)
        for (int i = 0; i < pointsPerClass; i++)
        {
            double r = (i + 0.5) / pointsPerClass; // never exactly 0: no point of every class at the origin
            double angle = c * 2 * Math.PI / classes + r * 4 + Samples.StandardNormal(random) * noise;
            int row = c * pointsPerClass + i;
            x[2 * row] = r * Math.Sin(angle);
            x[2 * row + 1] = r * Math.Cos(angle);
            y[row] = c;
        }
        return new Dataset($"spirals ({classes} classes)", x, 2, y, null, classes);
    }

    /// <summary>Two interleaving half circles.</summary>
    public static Dataset TwoMoons(int points = 400, double noise = 0.1, int seed = 0)
    {
        Require.AtLeast(points, 2);
        var random = new Random(seed);
        var x = new double[points * 2];
        var y = new int[points];
        for (int i = 0; i < points; i++)
        {
            int c = i % 2;
            double t = Math.PI * random.NextDouble();
            x[2 * i] = c == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            x[2 * i + 1] = (c == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t)) ;
            x[2 * i] += noise * Samples.StandardNormal(random);
            x[2 * i + 1] += noise * Samples.StandardNormal(random);
            y[i] = c;
        }
        return new Dataset("two moons", x, 2, y, null, 2);
    }

    /// <summary>Gaussian blobs around centres on a circle of radius 3.</summary>
    public static Dataset Blobs(int pointsPerClass = 100, int classes = 3, double spread = 0.8, int seed = 0)
    {
        Require.AtLeast(pointsPerClass, 1);
        Require.AtLeast(classes, 2);
        var random = new Random(seed);
        var x = new double[pointsPerClass * classes * 2];
        var y = new int[pointsPerClass * classes];
        for (int c = 0; c < classes; c++)
        for (int i = 0; i < pointsPerClass; i++)
        {
            int row = c * pointsPerClass + i;
            x[2 * row] = 3 * Math.Cos(2 * Math.PI * c / classes) + spread * Samples.StandardNormal(random);
            x[2 * row + 1] = 3 * Math.Sin(2 * Math.PI * c / classes) + spread * Samples.StandardNormal(random);
            y[row] = c;
        }
        return new Dataset($"blobs ({classes} classes)", x, 2, y, null, classes);
    }

    /// <summary>y = w·x + b + noise with w = (2, −3, 0.5, …) cycling, b = 1, x ~ N(0, 1).</summary>
    public static Dataset NoisyLinear(int points = 200, int features = 3, double noise = 0.1, int seed = 0)
    {
        Require.AtLeast(points, 1);
        Require.AtLeast(features, 1);
        var random = new Random(seed);
        double[] w = Enumerable.Range(0, features).Select(j => (double[])[2, -3, 0.5]).Select((a, j) => a[j % 3]).ToArray();
        var x = new double[points * features];
        var y = new double[points];
        for (int i = 0; i < points; i++)
        {
            double sum = 1;
            for (int j = 0; j < features; j++)
            {
                x[i * features + j] = Samples.StandardNormal(random);
                sum += w[j] * x[i * features + j];
            }
            y[i] = sum + noise * Samples.StandardNormal(random);
        }
        return new Dataset("noisy linear", x, features, null, y, 0);
    }
}
