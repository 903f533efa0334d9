using System.Globalization;
using Descent.Landscapes;
using Descent.Optimizers;

namespace Descent;

/// <summary>
/// Runs an optimizer on a landscape: θ ← optimizer.Step(θ, ∇f(θ) [+ noise]) for a number of steps,
/// recording everything into a <see cref="Trajectory"/>. Noise imitates mini-batches: each gradient
/// component gets σ·N(0, 1) added, from a seeded generator, so a run is repeatable.
/// </summary>
public static class Descend
{
    /// <summary>Runs <paramref name="steps"/> steps and returns what happened.</summary>
    /// <param name="optimizer">The optimizer; it is <see cref="IOptimizer.Reset"/> first so runs are independent.</param>
    /// <param name="landscape">The function to minimise.</param>
    /// <param name="steps">How many steps, ≥ 0.</param>
    /// <param name="start">θ₀; the landscape's default start if null.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian noise added to each gradient component.</param>
    /// <param name="seed">Seed of the noise generator.</param>
    /// <param name="label">Legend text; the optimizer's name and η if null.</param>
    /// <param name="observe">Called after every step with t and the optimizer, to record its state
    /// (velocity, accumulators, effective rates) or to change its learning rate for the next step.</param>
    public static Trajectory Run(IOptimizer optimizer, ILandscape landscape, int steps, Point2? start = null,
        double noise = 0, int seed = 0, string? label = null, Action<int, IOptimizer>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(landscape);
        Require.AtLeast(steps, 0);
        Require.NonNegative(noise);
        Point2 p0 = start ?? landscape.Start;
        if (!double.IsFinite(p0.X) || !double.IsFinite(p0.Y))
            throw new ArgumentOutOfRangeException(nameof(start), p0, $"start = {p0} is out of range: both coordinates must be finite.");

        optimizer.Reset();
        label ??= string.Create(CultureInfo.InvariantCulture, $"{optimizer.Name} η={optimizer.LearningRate:G4}");
        var points = new Point2[steps + 1];
        var losses = new double[steps + 1];
        var gradients = new Point2[steps];
        var random = noise > 0 ? new Random(seed) : null;
        double[] theta = [p0.X, p0.Y];
        double[] g = new double[2];

        points[0] = p0;
        losses[0] = landscape.Value(p0.X, p0.Y);
        if (!double.IsFinite(losses[0]))
            throw new ArgumentOutOfRangeException(nameof(start), p0,
                $"start = {p0} is out of range: f(start) = {Show(losses[0])}, it must be finite.");

        for (int k = 1; k <= steps; k++)
        {
            Point2 grad = landscape.Gradient(theta[0], theta[1]);
            g[0] = grad.X;
            g[1] = grad.Y;
            if (random is not null)
            {
                g[0] += noise * Gaussian(random);
                g[1] += noise * Gaussian(random);
            }
            if (!double.IsFinite(g[0]) || !double.IsFinite(g[1]))
                return Stop(k, $"the gradient became {new Point2(g[0], g[1])} at step {k} (η = {Show(optimizer.LearningRate)})", gradientCount: k - 1);
            gradients[k - 1] = new Point2(g[0], g[1]);

            optimizer.Step(theta, g);
            double loss = landscape.Value(theta[0], theta[1]);
            if (!double.IsFinite(theta[0]) || !double.IsFinite(theta[1]) || !double.IsFinite(loss))
                return Stop(k, $"f = {Show(loss)} at θ = {new Point2(theta[0], theta[1])} at step {k} (η = {Show(optimizer.LearningRate)})", gradientCount: k);
            points[k] = new Point2(theta[0], theta[1]);
            losses[k] = loss;
            observe?.Invoke(k, optimizer);
        }
        return new Trajectory(optimizer.Name, label, landscape, points, losses, gradients, null, null);

        // Keeps the finite prefix θ₀ … θₖ₋₁ (and every finite gradient, including the one that blew θ up).
        Trajectory Stop(int step, string what, int gradientCount) =>
            new(optimizer.Name, label, landscape, points[..step], losses[..step], gradients[..gradientCount], step, what);
    }

    /// <summary>A standard normal sample (Box–Muller), from a seeded generator.</summary>
    internal static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // (0, 1], so the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static string Show(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString("G6", CultureInfo.InvariantCulture);
}
