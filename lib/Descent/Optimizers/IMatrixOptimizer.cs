namespace Descent.Optimizers;

/// <summary>An optimizer that needs to know the matrices its parameter vector is made of (Muon).</summary>
public interface IMatrixOptimizer : IOptimizer
{
    /// <summary>
    /// θ ← update(θ, g), θ being the concatenation (row-major, in order) of matrices of these shapes;
    /// the shapes' counts must sum to θ's length.
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient, IReadOnlyList<MatrixShape> matrices);
}
