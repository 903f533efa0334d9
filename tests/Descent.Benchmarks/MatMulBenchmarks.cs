using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Descent.Numerics;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Descent.Benchmarks;

/// <summary>
/// The matrix products of chapter 06's networks against the FMA peak of the same core, measured in the
/// same run. <see cref="Peak"/> (the baseline) runs exactly as many vector fused multiply-adds as the product
/// needs (m·n·k / lanes), 16 independent chains with no memory traffic: the fastest this core can do
/// that arithmetic. The Ratio column is product time / peak time, so the fraction of peak is 1 / Ratio
/// (the target, ≥ 50% of peak, is Ratio ≤ 2). Rows for comparison: the row-by-row dot products of the
/// 31f92da network, and MathNet.Numerics' managed provider (single-threaded), the only managed linear
/// algebra that installs with the .NET SDK alone.
/// </summary>
[Config(typeof(ShortConfig))]
public class MatMulBenchmarks
{
    /// <summary>"m×n×k product": C (m × n) = A (m × k) · B (k × n); the chapter's three products and the image layer's.</summary>
    [Params("128x100x100 X·Wᵀ", "128x100x100 δ·W", "100x100x128 δᵀ·X", "128x100x784 X·Wᵀ", "100x784x128 δᵀ·X")]
    public string Shape = "";

    private int m, n, k;
    private string kind = "";
    private double[] a = [], b = [], c = [];
    private Gemm gemm = null!;
    private DenseMatrix mathNetA = null!, mathNetB = null!, mathNetC = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split(' ');
        var dims = parts[0].Split('x').Select(int.Parse).ToArray();
        (m, n, k, kind) = (dims[0], dims[1], dims[2], parts[1]);
        var random = new Random(1);
        a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        c = new double[m * n];
        gemm = new Gemm();
        MathNet.Numerics.Control.UseSingleThread();
        MathNet.Numerics.Control.UseManaged();
        mathNetA = DenseMatrix.Create(m, k, (i, j) => a[i * k + j]);
        mathNetB = DenseMatrix.Create(k, n, (i, j) => b[i * n + j]);
        mathNetC = DenseMatrix.Create(m, n, 0);
    }

    /// <summary>The same number of FMAs as the product, at the widest vectors, from registers only.</summary>
    [Benchmark(Baseline = true)]
    public double Peak() => Gemm.Best switch
    {
        GemmPath.Vector512 => FmaPeak<GemmVector512>((long)m * n * k),
        GemmPath.Vector256 => FmaPeak<GemmVector256>((long)m * n * k),
        _ => FmaPeak<GemmScalar>((long)m * n * k),
    };

    /// <summary>Gemm, with the operands laid out as the Mlp has them for this product.</summary>
    [Benchmark]
    public void Kernel()
    {
        switch (kind)
        {
            case "X·Wᵀ": gemm.Multiply(MatrixView.RowMajor(a, m, k), MatrixView.RowMajor(b, n, k).T, c, n, false); break;
            case "δ·W": gemm.Multiply(MatrixView.RowMajor(a, m, k), MatrixView.RowMajor(b, k, n), c, n, false); break;
            default: gemm.Multiply(MatrixView.RowMajor(a, k, m).T, MatrixView.RowMajor(b, k, n), c, n, false); break;
        }
    }

    /// <summary>One dot product per element of C over contiguous rows (how the 31f92da network made X·Wᵀ).</summary>
    [Benchmark]
    public void RowByRowDots()
    {
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            c[i * n + j] = System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(i * k, k), b.AsSpan(j * k, k));
    }

    /// <summary>MathNet.Numerics 5.0's managed provider, one thread.</summary>
    [Benchmark]
    public void MathNetManaged() => mathNetA.Multiply(mathNetB, mathNetC);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double FmaPeak<T>(long multiplyAdds) where T : struct, IGemmVector<T>
    {
        long rounds = multiplyAdds / (16L * T.Count);
        T x = T.Broadcast(0.999999), y = T.Broadcast(1e-9);
        T c0 = T.Broadcast(1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        T c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
        for (long r = 0; r < rounds; r++)
        {
            c0 = T.MultiplyAdd(c0, x, y); c1 = T.MultiplyAdd(c1, x, y); c2 = T.MultiplyAdd(c2, x, y); c3 = T.MultiplyAdd(c3, x, y);
            c4 = T.MultiplyAdd(c4, x, y); c5 = T.MultiplyAdd(c5, x, y); c6 = T.MultiplyAdd(c6, x, y); c7 = T.MultiplyAdd(c7, x, y);
            c8 = T.MultiplyAdd(c8, x, y); c9 = T.MultiplyAdd(c9, x, y); c10 = T.MultiplyAdd(c10, x, y); c11 = T.MultiplyAdd(c11, x, y);
            c12 = T.MultiplyAdd(c12, x, y); c13 = T.MultiplyAdd(c13, x, y); c14 = T.MultiplyAdd(c14, x, y); c15 = T.MultiplyAdd(c15, x, y);
        }
        T sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15;
        Span<double> lanes = stackalloc double[T.Count];
        sum.Store(ref lanes[0], 0);
        return lanes[0];
    }
}
