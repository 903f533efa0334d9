using System.Globalization;
using Descent.Landscapes;
using Descent.Numerics;
using Descent.Optimizers;
using Descent.Schedules;

namespace Descent;

/// <summary>
/// Runs an optimizer on a landscape: θ ← optimizer.Step(θ, ∇f(θ) [+ noise]) for a number of steps,
/// recording everything into a <see cref="Trajectory"/>. Noise imitates mini-batches: each gradient
/// component gets σ·N(0, 1) added, from a seeded generator, so a run is repeatable.
/// <para>
/// A run that goes wrong stops at the step where it did and says why (<see cref="Trajectory.Divergence"/>):
/// a non-finite gradient (with its index), a parameter that became NaN or ∞ (a NaN from a zero gradient
/// with ε = 0, i.e. 0/0, is called that), f = ∞, or a run that <b>blew up</b> while still finite:
/// f(θₖ) − f* &gt; <see cref="BlowUpFactor"/> · max(1, f(θ₀) − f*), where f* is the landscape's
/// minimum value (f(θ₀) if that is not finite). No stable run on these landscapes climbs a trillion
/// times above where it started; an unstable one does within a few dozen steps and would otherwise
/// take hundreds more to overflow to ∞.
/// </para>
/// </summary>
public static class Descend
{
    /// <summary>
    /// The longest run, in steps (10⁷): the recorded arrays of a longer one would not fit comfortably in memory.
    /// </summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>How far above its start (relative to f*) a run may climb before it counts as blown up: 10¹².</summary>
    public const double BlowUpFactor = 1e12;

    /// <summary>Runs <paramref name="steps"/> steps and returns what happened.</summary>
    /// <typeparam name="TOptimizer">The optimizer's type, so that <paramref name="observe"/> sees it typed.</typeparam>
    /// <param name="optimizer">The optimizer; it is <see cref="IOptimizer.Reset"/> first so runs are independent.
    /// Its <see cref="IOptimizer.LearningRate"/> is the base rate η₀, and it shows η₀ again after the run.</param>
    /// <param name="landscape">The function to minimise.</param>
    /// <param name="steps">How many steps, in [0, <see cref="MaxSteps"/>].</param>
    /// <param name="start">θ₀; the landscape's default start if null.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian noise added to each gradient component.</param>
    /// <param name="seed">Seed of the noise generator.</param>
    /// <param name="label">Legend text; the optimizer's name and η if null.</param>
    /// <param name="observe">Called after every step with a read-only <see cref="StepView{TOptimizer}"/>, to
    /// record the optimizer's state. It must not change the learning rate (that throws
    /// <see cref="InvalidOperationException"/>): pass a <paramref name="schedule"/> for that.</param>
    /// <param name="schedule">The learning-rate schedule: step t runs at <c>schedule.At(t, η₀)</c>; every step's
    /// rate is checked before the first step. Null keeps η₀ throughout.</param>
    public static Trajectory Run<TOptimizer>(TOptimizer optimizer, ILandscape landscape, int steps,
        Point2? start = null, double noise = 0, int seed = 0, string? label = null,
        Action<StepView<TOptimizer>>? observe = null, ISchedule? schedule = null)
        where TOptimizer : IOptimizer
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(landscape);
        if (steps < 0 || steps > MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps,
                $"steps = {steps} is out of range: the valid range is [0, {MaxSteps}] (Descend.MaxSteps), " +
                "whole numbers.");
        Require.NonNegative(noise);
        Point2 p0 = start ?? landscape.Start;
        if (!double.IsFinite(p0.X) || !double.IsFinite(p0.Y))
            throw new ArgumentOutOfRangeException(nameof(start), p0,
                $"start = {p0} is out of range: the valid range is two finite coordinates.");
        double f0 = landscape.Value(p0.X, p0.Y);
        if (!double.IsFinite(f0))
            throw new ArgumentOutOfRangeException(nameof(start), p0,
                $"start = {p0} is out of range: f(start) = {Show(f0)}; valid starts are where f is finite.");

        var driver = ScheduleDriver.Start(optimizer, schedule, steps);
        optimizer.Reset();
        label ??= string.Create(CultureInfo.InvariantCulture, $"{optimizer.Name} η={driver.BaseRate:G4}");
        try
        {
            return Loop(optimizer, landscape, steps, p0, f0, noise, seed, label, observe, driver);
        }
        finally
        {
            driver.Restore();
        }
    }

    private static Trajectory Loop<TOptimizer>(TOptimizer optimizer, ILandscape landscape, int steps, Point2 p0,
        double f0, double noise, int seed, string label, Action<StepView<TOptimizer>>? observe, ScheduleDriver driver)
        where TOptimizer : IOptimizer
    {
        var points = new Point2[steps + 1];
        var losses = new double[steps + 1];
        var gradients = new Point2[steps];
        var random = noise > 0 ? new Random(seed) : null;
        double[] theta = [p0.X, p0.Y];
        double[] g = new double[2];
        double fStar = double.IsFinite(landscape.MinimumValue) ? landscape.MinimumValue : f0;
        double blowUp = BlowUpFactor * Math.Max(1, f0 - fStar);
        points[0] = p0;
        losses[0] = f0;

        for (int k = 1; k <= steps; k++)
        {
            double eta = driver.Apply(k - 1);
            Point2 grad = landscape.Gradient(theta[0], theta[1]);
            g[0] = grad.X;
            g[1] = grad.Y;
            if (random is not null)
            {
                g[0] += noise * Samples.StandardNormal(random);
                g[1] += noise * Samples.StandardNormal(random);
            }
            int bad = !double.IsFinite(g[0]) ? 0 : !double.IsFinite(g[1]) ? 1 : -1;
            if (bad >= 0)
                return Stop(k, $"the gradient g[{bad}] became {Show(g[bad])} at θ = {points[k - 1]} {At(k, eta)}",
                    kept: k, gradientCount: k - 1);
            gradients[k - 1] = new Point2(g[0], g[1]);

            optimizer.Step(theta, g);
            bad = !double.IsFinite(theta[0]) ? 0 : !double.IsFinite(theta[1]) ? 1 : -1;
            if (bad >= 0)
                return Stop(k, double.IsNaN(theta[bad]) && g[bad] == 0
                        ? $"θ[{bad}] became NaN {At(k, eta)}: 0/0 — a zero gradient with ε = 0"
                        : $"θ[{bad}] became {Show(theta[bad])} {At(k, eta)}",
                    kept: k, gradientCount: k);
            double loss = landscape.Value(theta[0], theta[1]);
            if (!double.IsFinite(loss))
                return Stop(k, $"f = {Show(loss)} at θ = {new Point2(theta[0], theta[1])} {At(k, eta)}",
                    kept: k, gradientCount: k);
            points[k] = new Point2(theta[0], theta[1]);
            losses[k] = loss;
            if (loss - fStar > blowUp)
                return Stop(k, $"the run blew up {At(k, eta)}: f − f* = {Show(loss - fStar)} exceeds " +
                    $"{Show(BlowUpFactor)} × max(1, f(θ₀) − f*) = {Show(blowUp)}", kept: k + 1, gradientCount: k);
            if (observe is not null)
            {
                observe(new StepView<TOptimizer>(k, points[k], loss, gradients[k - 1], eta, optimizer));
                driver.EnsureUntouched(k, "observe");
            }
        }
        return new Trajectory(optimizer.Name, label, landscape, points, losses, gradients, null, null);

        static string At(int k, double eta) => $"at step {k} (η = {Show(eta)})";

        // Keeps the finite points θ₀ … θ_(kept−1) and every finite gradient, including the one that blew θ up.
        Trajectory Stop(int step, string what, int kept, int gradientCount) =>
            new(optimizer.Name, label, landscape, points[..kept], losses[..kept], gradients[..gradientCount],
                step, what);
    }

    private static string Show(double value) => ScheduleDriver.Show(value);
}
