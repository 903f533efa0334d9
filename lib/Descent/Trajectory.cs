using System.Globalization;
using Descent.Landscapes;

namespace Descent;

/// <summary>
/// What one run of an optimizer on a landscape recorded: the points θ₀ … θₙ, the losses f(θₖ) and
/// the gradients used. A run that diverged (a NaN or an infinity, or a blow-up as <see cref="Descend"/>
/// defines it) stops there: <see cref="DivergedAtStep"/> says at which step, <see cref="Divergence"/> what
/// happened, and the recorded arrays end at the last finite point (for a blow-up, the blown-up point
/// itself). Its members match <c>TrainingRun</c>'s: <see cref="OptimizerName"/>, <see cref="FinalLoss"/>,
/// <see cref="StepsToReach"/>, <see cref="Diverged"/>.
/// </summary>
public sealed class Trajectory
{
    internal Trajectory(string optimizerName, string label, ILandscape landscape, Point2[] points, double[] losses,
        Point2[] gradients, int? divergedAtStep, string? divergence)
    {
        OptimizerName = optimizerName;
        Label = label;
        Landscape = landscape;
        Points = points;
        Losses = losses;
        Gradients = gradients;
        DivergedAtStep = divergedAtStep;
        Divergence = divergence;
    }

    /// <summary>The optimizer's <c>Name</c>; charts pick the colour from it.</summary>
    public string OptimizerName { get; }

    /// <summary>The legend text, e.g. "SGD η=0.95".</summary>
    public string Label { get; }

    /// <summary>Where the run happened.</summary>
    public ILandscape Landscape { get; }

    /// <summary>θ₀ (the start) … θₙ: one more point than <see cref="Steps"/>.</summary>
    public IReadOnlyList<Point2> Points { get; }

    /// <summary>f(θₖ) for every recorded point.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The gradient used by step k (index k − 1), noise included.</summary>
    public IReadOnlyList<Point2> Gradients { get; }

    /// <summary>The number of completed steps.</summary>
    public int Steps => Points.Count - 1;

    /// <summary>The step at which the run diverged (a NaN, an infinity or a blow-up); null if it did not.</summary>
    public int? DivergedAtStep { get; }

    /// <summary>
    /// What went wrong, e.g. "f = ∞ at θ = (…) at step 43 (η = 1.2)"; null if the run did not diverge.
    /// </summary>
    public string? Divergence { get; }

    /// <summary>Whether the run blew up.</summary>
    public bool Diverged => DivergedAtStep is not null;

    /// <summary>The last finite point.</summary>
    public Point2 Final => Points[^1];

    /// <summary>The last finite loss.</summary>
    public double FinalLoss => Losses[^1];

    /// <summary>f(θ) − f* at the end: how far above the minimum value the run finished.</summary>
    public double FinalGap => FinalLoss - Landscape.MinimumValue;

    /// <summary>Distance from the final point to the nearest known minimiser (∞ if none).</summary>
    public double DistanceToMinimum =>
        Landscape.Minima.Count == 0 ? double.PositiveInfinity : Landscape.Minima.Min(m => m.DistanceTo(Final));

    /// <summary>
    /// The first step k with f(θₖ) − f* &lt; <paramref name="target"/> (0 if the start already is), or null if never.
    /// </summary>
    public int? StepsToReach(double target)
    {
        if (double.IsNaN(target)) throw Require.OutOfRange(nameof(target), target, "[−∞, ∞]: any number but NaN");
        for (int k = 0; k < Losses.Count; k++)
            if (Losses[k] - Landscape.MinimumValue < target) return k;
        return null;
    }

    /// <summary>
    /// How many times the chosen coordinate changed sign along the path (θ₀ → θ₁, θ₁ → θ₂, …); a
    /// zig-zag across a valley changes sign at every step. A value of exactly 0 counts as no sign.
    /// </summary>
    /// <param name="coordinate">Which coordinate, e.g. <c>p =&gt; p.Y</c>.</param>
    public int SignChanges(Func<Point2, double> coordinate)
    {
        ArgumentNullException.ThrowIfNull(coordinate);
        int changes = 0;
        for (int k = 1; k < Points.Count; k++)
        {
            int before = Sign(k - 1), after = Sign(k);
            if (before != 0 && after != 0 && before != after) changes++;
        }
        return changes;

        int Sign(int k)
        {
            double value = coordinate(Points[k]);
            return double.IsNaN(value)
                ? throw new ArgumentException($"coordinate(θ{k}) = NaN at θ{k} = {Points[k]}: a valid coordinate " +
                    "function gives a number (e.g. p => p.Y).", nameof(coordinate))
                : Math.Sign(value);
        }
    }

    /// <summary>One line a reader can quote.</summary>
    public string Summary => Diverged
        ? $"{Label} on {Landscape.Name}: diverged at step {DivergedAtStep}: {Divergence}"
        : string.Create(CultureInfo.InvariantCulture,
            $"{Label} on {Landscape.Name}: {Steps} steps, final point {Final}, f = {FinalLoss:G6}, " +
            $"distance to minimum {DistanceToMinimum:G4}");

    /// <inheritdoc />
    public override string ToString() => Summary;
}
