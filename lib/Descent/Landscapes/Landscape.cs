namespace Descent.Landscapes;

/// <summary>The catalogue of test functions, so notebooks say <c>Landscape.Bowl</c>.</summary>
public static class Landscape
{
    /// <summary>The book's f(x, y) = x²/20 + y², started at (−7, 2).</summary>
    public static Quadratic Bowl { get; } = new(1.0 / 20, 1, name: "Bowl x²/20 + y²");

    /// <summary>A general a·x² + b·y² (e.g. <c>Landscape.Quadratic(0.1, 2)</c>).</summary>
    public static Quadratic Quadratic(double a, double b) => new(a, b);

    /// <summary>
    /// ½ θᵀHθ with curvatures λ₁, λ₂ along axes turned by <paramref name="angleDegrees"/>
    /// counter-clockwise (e.g. <c>Landscape.RotatedQuadratic(0.1, 2, 45)</c>); at 0° it is
    /// <c>Quadratic(λ₁/2, λ₂/2)</c>.
    /// </summary>
    public static RotatedQuadratic RotatedQuadratic(double lambda1, double lambda2, double angleDegrees) =>
        new(lambda1, lambda2, angleDegrees);

    /// <summary>The book's bowl (curvatures 0.1 and 2) turned by 45°: its valley runs diagonally.</summary>
    public static RotatedQuadratic RotatedBowl { get; } = new(0.1, 2, 45, name: "Bowl rotated 45°");

    /// <summary>Rosenbrock's banana valley.</summary>
    public static Rosenbrock Rosenbrock { get; } = new();

    /// <summary>Beale's function.</summary>
    public static Beale Beale { get; } = new();

    /// <summary>Himmelblau's four-minima function.</summary>
    public static Himmelblau Himmelblau { get; } = new();

    /// <summary>A saddle between two minima.</summary>
    public static Saddle Saddle { get; } = new();

    /// <summary>A long slope of constant steepness into a bowl (where AdaGrad slows down).</summary>
    public static LongSlope LongSlope { get; } = new();

    /// <summary>Rastrigin's egg crate.</summary>
    public static Rastrigin Rastrigin { get; } = new();

    /// <summary>
    /// The check at the top of every landscape's f and ∇f: x and y must be finite. A runner never asks
    /// for f at a non-finite point (it stops and reports the step first), so a NaN here comes from a
    /// cell, and an error that names it beats a NaN that travels on. A huge finite point may still
    /// overflow (f = ∞, or NaN from ∞ − ∞ in a formula): that is f's true value beyond double range.
    /// </summary>
    internal static void Check(double x, double y)
    {
        Require.Finite(x);
        Require.Finite(y);
    }

    /// <summary>All of them, e.g. for tests and galleries.</summary>
    public static IReadOnlyList<ILandscape> All { get; } =
        [Bowl, RotatedBowl, Rosenbrock, Beale, Himmelblau, Saddle, Rastrigin, LongSlope];
}
