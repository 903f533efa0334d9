using Descent.Optimizers;

namespace Descent;

/// <summary>
/// What an optimizer did with a stream of gradients that a cell chose (no landscape): the parameters
/// after every step and the size of every step, per coordinate.
/// </summary>
/// <param name="OptimizerName">The optimizer's name (its chart colour).</param>
/// <param name="Parameters">θ after step t at index t − 1.</param>
/// <param name="StepSizes">|Δθ| of step t at index t − 1.</param>
public sealed record StreamRun(string OptimizerName, double[][] Parameters, double[][] StepSizes)
{
    /// <summary>The number of steps.</summary>
    public int Steps => Parameters.Length;

    /// <summary>Coordinate <paramref name="index"/> of θ after every step, for a chart or a check.</summary>
    public double[] Parameter(int index) => Column(Parameters, index, nameof(index));

    /// <summary>|Δθ| of coordinate <paramref name="index"/> at every step.</summary>
    public double[] StepSize(int index) => Column(StepSizes, index, nameof(index));

    private static double[] Column(double[][] rows, int index, string name)
    {
        int width = rows.Length == 0 ? 0 : rows.Min(r => r?.Length ?? 0);
        if (index < 0 || index >= width)
            throw new ArgumentOutOfRangeException(name, index,
                $"{name} = {index} is out of range: the valid range is [0, {width - 1}] ({width} coordinates).");
        return rows.Select(r => r[index]).ToArray();
    }
}

/// <summary>
/// Feeds an optimizer a gradient stream that the cell defines (a steady part, a zig-zag, noise, a
/// sudden drop …) to watch what its state and its step sizes do, independently of any landscape.
/// </summary>
public static class GradientStream
{
    /// <summary>The most steps one stream may run (a running notebook cell cannot be interrupted).</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="optimizer"/> on g = <paramref name="gradient"/>(t).</summary>
    /// <param name="optimizer">Reset first, so runs are independent.</param>
    /// <param name="steps">How many steps, 1 … <see cref="MaxSteps"/>.</param>
    /// <param name="gradient">g for step t (1-based); every call must return the same length.</param>
    /// <param name="start">θ₀ (zeros of the gradient's length if null).</param>
    /// <param name="observe">Called after every step with t and the optimizer (typed: read its state without a cast).</param>
    public static StreamRun Feed<TOptimizer>(TOptimizer optimizer, int steps, Func<int, double[]> gradient,
        double[]? start = null, Action<int, TOptimizer>? observe = null) where TOptimizer : IOptimizer
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(gradient);
        if (steps < 1 || steps > MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps,
                $"steps = {steps} is out of range: the valid range is [1, {MaxSteps:N0}].");
        if (start is not null)
        {
            if (start.Length == 0)
                throw new ArgumentException("start.Length = 0 is out of range: the valid range is [1, ∞).", nameof(start));
            Require.AllFinite(start, nameof(start));
        }
        double[] first = Gradient(gradient, 1, start?.Length);
        optimizer.Reset();
        double[]? theta = start is null ? null : (double[])start.Clone();
        var parameters = new double[steps][];
        var sizes = new double[steps][];
        for (int t = 1; t <= steps; t++)
        {
            double[] g = t == 1 ? first : Gradient(gradient, t, theta!.Length);
            theta ??= new double[g.Length];
            double[] before = (double[])theta.Clone();
            optimizer.Step(theta, g);
            parameters[t - 1] = (double[])theta.Clone();
            sizes[t - 1] = theta.Select((x, i) => Math.Abs(x - before[i])).ToArray();
            observe?.Invoke(t, optimizer);
        }
        return new StreamRun(optimizer.Name, parameters, sizes);
    }

    /// <summary>g for step t, checked: not null, the length of θ, finite (named with the step and the index).</summary>
    private static double[] Gradient(Func<int, double[]> gradient, int t, int? length)
    {
        double[] g = gradient(t) ?? throw new ArgumentException(
            $"gradient({t}) returned null: a valid gradient function returns an array.", nameof(gradient));
        if (g.Length == 0 || (length is { } n && g.Length != n))
            throw new ArgumentException(
                $"gradient({t}) has {g.Length} components: the valid length is {(length is { } m ? m : "≥ 1")}, " +
                "the same at every step (and that of start).", nameof(gradient));
        for (int i = 0; i < g.Length; i++)
            if (!double.IsFinite(g[i]))
                throw new ArgumentException(
                    $"gradient({t})[{i}] = {Require.Show(g[i])} at step {t}: valid gradients are finite.", nameof(gradient));
        return g;
    }
}
