using MathNet.Numerics.LinearAlgebra;

namespace Descent.Landscapes;

/// <summary>
/// A quadratic bowl f(θ) = ½ (θ − θ*)ᵀ H (θ − θ*) with a constant, positive-definite Hessian H:
/// everything gradient descent does on it follows from H's eigenvalues (the curvatures).
/// </summary>
public interface IQuadratic : ILandscape
{
    /// <summary>A copy of the 2×2 Hessian H (symmetric, positive definite).</summary>
    Matrix<double> Hessian { get; }

    /// <summary>The smallest eigenvalue λ_min of H: the flattest direction, which sets how slow descent is.</summary>
    double MinCurvature { get; }

    /// <summary>The largest eigenvalue λ_max of H: it sets gradient descent's stability bound η &lt; 2/λ_max.</summary>
    double MaxCurvature { get; }

    /// <summary>λ_max / λ_min: how elongated the bowl is (1 for a round one).</summary>
    double ConditionNumber { get; }

    /// <summary>
    /// 2/λ_max: plain gradient descent with a constant η converges from every start iff
    /// 0 &lt; η &lt; <see cref="StabilityBound"/> (and diverges for η above it).
    /// </summary>
    double StabilityBound { get; }
}
