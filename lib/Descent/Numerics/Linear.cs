using MathNet.Numerics.LinearAlgebra;

namespace Descent.Numerics;

/// <summary>
/// Eigenvalues of small square matrices (an iteration matrix, a Hessian) and singular values of any
/// matrix (Muon's update) through MathNet.Numerics' decompositions, in plain numbers a notebook cell can
/// use without MathNet's types.
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

    /// <summary>
    /// The singular values σ₁ ≥ σ₂ ≥ … ≥ 0 of the row-major <paramref name="rows"/>×<paramref name="columns"/>
    /// <paramref name="matrix"/>, largest first: min(rows, columns) of them (MathNet's SVD inside). The matrix is
    /// scaled by its largest |value| for the decomposition and the σ scaled back, so huge and tiny entries work.
    /// </summary>
    /// <param name="matrix">The values, row-major: entry (i, j) at i·columns + j; finite.</param>
    /// <param name="rows">The number of rows, ≥ 1.</param>
    /// <param name="columns">The number of columns, ≥ 1; rows · columns must be the length of the matrix.</param>
    public static double[] SingularValues(ReadOnlySpan<double> matrix, int rows, int columns)
    {
        Require.RowMajorMatrix(matrix, rows, columns);
        Require.AllFinite(matrix, nameof(matrix));

        double scale = 0;
        foreach (double v in matrix) scale = Math.Max(scale, Math.Abs(v));
        var singular = new double[Math.Min(rows, columns)];
        if (scale == 0) return singular;
        var columnMajor = new double[matrix.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                columnMajor[j * rows + i] = matrix[i * columns + j] / scale;
        var s = Matrix<double>.Build.Dense(rows, columns, columnMajor).Svd(computeVectors: false).S;
        for (int i = 0; i < singular.Length; i++) singular[i] = s[i] * scale;
        Array.Sort(singular, (x, y) => y.CompareTo(x));
        return singular;
    }

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
