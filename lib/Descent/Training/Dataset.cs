using Descent.Numerics;

namespace Descent.Training;

/// <summary>
/// A small in-memory dataset: <see cref="Count"/> rows of <see cref="Features"/> numbers (row-major in
/// <see cref="X"/>), with a class label per row (<see cref="Labels"/>) or a real target (<see cref="Targets"/>).
/// </summary>
public sealed record Dataset(string Name, double[] X, int Features, int[]? Labels, double[]? Targets, int Classes)
{
    // Checked once, when the record is made (a with-expression is checked again by the network that reads it).
    private readonly bool valid = Validate(Name, X, Features, Labels, Targets, Classes);

    /// <summary>Rows.</summary>
    public int Count => X.Length / Features;

    /// <summary>Whether this is classification (labels) rather than regression (targets).</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>Row i's features.</summary>
    public ReadOnlySpan<double> Row(int i) => X.AsSpan(Require.Index(i, Count) * Features, Features);

    /// <summary>The most numbers a dataset holds (rows × features, 10⁷): a notebook's memory, not a limit of the math.</summary>
    public const int MaxValues = 10_000_000;

    private static bool Validate(string name, double[] x, int features, int[]? labels, double[]? targets, int classes)
    {
        ArgumentNullException.ThrowIfNull(name, nameof(Name));
        ArgumentNullException.ThrowIfNull(x, nameof(X));
        Require.Between(features, 1, MaxValues, nameof(Features));
        if (x.Length == 0 || x.Length % features != 0 || x.Length > MaxValues)
            throw new ArgumentException(
                $"X.Length = {x.Length} is not valid for Features = {features}: the valid length is a whole number " +
                $"of rows, at least one, at most {MaxValues:N0} values.", nameof(X));
        Require.AllFinite(x, nameof(X));
        int rows = x.Length / features;
        if ((labels is null) == (targets is null))
            throw new ArgumentException(
                "Labels and Targets are " + (labels is null ? "both null" : "both given") +
                ": a valid dataset has exactly one of them (labels for classification, targets for regression).",
                labels is null ? nameof(Labels) : nameof(Targets));
        if (labels is not null)
        {
            Require.Between(classes, 2, MaxValues, nameof(Classes));
            if (labels.Length != rows)
                throw new ArgumentException($"Labels.Length = {labels.Length} is not valid: X has {rows} rows, the valid " +
                    "length.", nameof(Labels));
            for (int i = 0; i < labels.Length; i++) Require.Between(labels[i], 0, classes - 1, $"Labels[{i}]");
        }
        else
        {
            if (targets!.Length != rows)
                throw new ArgumentException($"Targets.Length = {targets.Length} is not valid: X has {rows} rows, the " +
                    "valid length.", nameof(Targets));
            Require.AllFinite(targets, nameof(Targets));
            Require.Between(classes, 0, 0, nameof(Classes));
        }
        return true;
    }
}

/// <summary>Synthetic, deterministic datasets made in code (a seed fixes every number).</summary>
public static class Datasets
{
    /// <summary>Interleaved spirals, one arm per class (the classic "hard for a linear model" set).</summary>
    public static Dataset Spirals(int pointsPerClass = 200, int classes = 3, double noise = 0.2, int seed = 0)
    {
        Require.Between(pointsPerClass, 1, Dataset.MaxValues / 2);
        Require.Between(classes, 2, Dataset.MaxValues / 2);
        RequireSize((long)pointsPerClass * classes * 2);
        Spread(noise);
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

    /// <summary>A noise or spread σ in [0, 10⁶]: far beyond any useful σ, well below an overflow of the data.</summary>
    private static void Spread(double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && value <= 1e6)) throw Require.OutOfRange(name, value, "[0, 1000000]: a finite σ ≥ 0");
    }

    private static void RequireSize(long values)
    {
        if (values > Dataset.MaxValues)
            throw new ArgumentException(
                $"these settings make {values:N0} numbers: the valid range is at most {Dataset.MaxValues:N0} " +
                "(Dataset.MaxValues); use fewer points.", "points");
    }

    /// <summary>Two interleaving half circles.</summary>
    public static Dataset TwoMoons(int points = 400, double noise = 0.1, int seed = 0)
    {
        Require.Between(points, 2, Dataset.MaxValues / 2);
        Spread(noise);
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
        Require.Between(pointsPerClass, 1, Dataset.MaxValues / 2);
        Require.Between(classes, 2, Dataset.MaxValues / 2);
        RequireSize((long)pointsPerClass * classes * 2);
        Spread(spread);
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
        Require.Between(points, 1, Dataset.MaxValues);
        Require.Between(features, 1, Dataset.MaxValues);
        RequireSize((long)points * features);
        Spread(noise);
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
