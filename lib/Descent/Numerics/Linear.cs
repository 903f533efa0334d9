using MathNet.Numerics.LinearAlgebra;

namespace Descent.Numerics;

/// <summary>
/// Eigenvalues of small square matrices (an iteration matrix, a Hessian) through MathNet.Numerics'
/// eigen-decomposition, in plain numbers a notebook cell can use without MathNet's types.
/// </summary>
public static class Linear
{
    /// <summary>The eigenvalues of <paramref name="matrix"/>, as (real part, imaginary part), possibly complex.</summary>
    public static (double Re, double Im)[] Eigenvalues(double[,] matrix) =>
        [.. Build(matrix).Evd().EigenValues.Select(z => (z.Real, z.Imaginary))];

    /// <summary>
    /// The spectral radius ρ(A): the largest |z| over the eigenvalues z of A (the modulus for a complex z).
    /// An iteration xₜ = A xₜ₋₁ shrinks every start exactly when ρ(A) &lt; 1.
    /// </summary>
    public static double SpectralRadius(double[,] matrix) => Build(matrix).Evd().EigenValues.Max(z => z.Magnitude);

    private static Matrix<double> Build(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        if (rows == 0 || rows != columns)
            throw new ArgumentException(
                $"matrix is {rows}×{columns}: the valid shape is square and not empty (n×n, n ≥ 1).", nameof(matrix));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                if (!double.IsFinite(matrix[i, j]))
                    throw new ArgumentOutOfRangeException(nameof(matrix), matrix[i, j],
                        $"matrix[{i}, {j}] = {Require.Show(matrix[i, j])} is out of range: the valid range is finite numbers.");
        return Matrix<double>.Build.DenseOfArray(matrix);
    }
}
