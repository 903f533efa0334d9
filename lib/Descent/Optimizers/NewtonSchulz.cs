using Descent.Numerics;

namespace Descent.Optimizers;

/// <summary>
/// Muon's Newton–Schulz iteration for matrices of one shape, in float64, with its workspaces made once:
/// <code>
/// X ← U, transposed if U is tall (so that X is short and wide, m ≤ n, and XXᵀ is the small m×m Gram matrix)
/// X ← X / max(‖X‖_F, ε)
/// k times:  G ← XXᵀ;  H ← bG + cG·G;  X ← aX + H·X
/// O ← X, transposed back if U was tall
/// </code>
/// On each singular value s of the normalized X (all in [0, 1]) this is the scalar map
/// s ← as + bs³ + cs⁵, with the same singular vectors: the coefficients push every s towards 1.
/// The three products run through the library's <see cref="Gemm"/> (the network's matrix kernel: FMA on the
/// widest vectors, packing buffers reused), so a step allocates nothing after the first. MathNet.Numerics'
/// managed products were used first and measured: they allocate on every call (copies of the operands) and,
/// in a notebook kernel that keeps them in unoptimized code, made a 150-step Muon run take 6 s.
/// </summary>
internal sealed class NewtonSchulz
{
    private readonly int m, n;
    private double[] x, y;
    private readonly double[] gram, h;
    private readonly Gemm gemm = new();

    /// <summary>Workspaces for a <paramref name="rows"/>×<paramref name="columns"/> matrix, either way round.</summary>
    public NewtonSchulz(int rows, int columns)
    {
        m = Math.Min(rows, columns);
        n = Math.Max(rows, columns);
        x = new double[m * n];
        y = new double[m * n];
        gram = new double[m * m];
        h = new double[m * m];
    }

    /// <summary>
    /// O ← NS(U) for the row-major <paramref name="rows"/>×<paramref name="columns"/> matrix
    /// <paramref name="u"/>, written row-major into <paramref name="o"/> (same shape).
    /// </summary>
    public void Run(ReadOnlySpan<double> u, int rows, int columns, Span<double> o,
        int steps, double a, double b, double c, double epsilon)
    {
        bool tall = rows > columns;
        // X ← U, or Uᵀ if U is tall; X is m×n row-major: X[i, j] at x[i·n + j]. Tall U is n×m: Uᵀ[i, j] = U[j, i].
        if (!tall) u.CopyTo(x);
        else
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    x[i * n + j] = u[j * m + i];

        // X ← X / max(‖X‖_F, ε). PyTorch gives NaN for U = 0 when ε = 0 (0/0); here 0 stays 0, the
        // value every ε > 0 gives.
        double divisor = Math.Max(FrobeniusNorm(x), epsilon);
        if (divisor != 0)
            for (int i = 0; i < x.Length; i++) x[i] /= divisor;

        for (int k = 0; k < steps; k++)
        {
            var matrixX = MatrixView.RowMajor(x, m, n);
            var matrixG = MatrixView.RowMajor(gram, m, m);
            gemm.Multiply(matrixX, matrixX.T, gram, m, accumulate: false);                  // G ← XXᵀ
            gemm.Multiply(matrixG, matrixG, h, m, accumulate: false);                       // H ← G·G
            for (int i = 0; i < h.Length; i++) h[i] = b * gram[i] + c * h[i];              // H ← bG + cG·G
            gemm.Multiply(MatrixView.RowMajor(h, m, m), matrixX, y, n, accumulate: false); // Y ← H·X
            for (int i = 0; i < y.Length; i++) y[i] = a * x[i] + y[i];                     // X ← aX + H·X
            (x, y) = (y, x);
        }

        // O ← X, transposed back (the same copies in reverse).
        if (!tall) x.AsSpan().CopyTo(o);
        else
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    o[j * m + i] = x[i * n + j];
    }

    /// <summary>
    /// ‖X‖_F = √Σx², scaled by the largest |x| so that neither the squares of huge values overflow
    /// (1e200² = ∞) nor those of tiny ones underflow to 0. NaN if any value is NaN or ±∞.
    /// </summary>
    internal static double FrobeniusNorm(ReadOnlySpan<double> values)
    {
        double scale = 0;
        foreach (double v in values) scale = Math.Max(scale, Math.Abs(v)); // Math.Max propagates NaN
        if (scale == 0 || !double.IsFinite(scale)) return scale == 0 ? 0 : double.NaN;
        double sum = 0;
        foreach (double v in values)
        {
            double r = v / scale;
            sum += r * r;
        }
        return scale * Math.Sqrt(sum);
    }
}
