namespace Descent.Optimizers;

/// <summary>
/// An optimizer that needs to know the matrices its parameter vector is made of (Muon: it
/// orthogonalizes each weight matrix's update as a whole, not weight by weight).
/// </summary>
public interface IMatrixOptimizer : IOptimizer
{
    /// <summary>
    /// θ ← update(θ, g), θ being the concatenation (row-major, in order) of matrices of these shapes.
    /// The shapes' counts must sum to θ's length (a clear error otherwise, before anything is written).
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient, IReadOnlyList<MatrixShape> matrices);
}
