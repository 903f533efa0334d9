using Descent.Numerics;

namespace Descent.Tests.Numerics;

/// <summary>The matrix-multiply kernel against a naive triple loop, on every path this machine runs.</summary>
public class GemmTests
{
    private static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    /// <summary>
    /// Multiplies an m × k by a k × n matrix (each stored row-major, or as its transpose) with the kernel and
    /// with three nested loops, into a C whose rows are ldc = n + 3 apart; the padding must stay untouched and
    /// every element must agree within the rounding bound of a sum of k products, 2·k·ε·Σ|aᵢₚ·bₚⱼ|.
    /// </summary>
    private static void Check(Gemm gemm, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate, int seed)
    {
        double[] a = Random(m * k, seed), b = Random(k * n, seed + 1);
        var viewA = transposeA ? MatrixView.RowMajor(a, k, m).T : MatrixView.RowMajor(a, m, k);
        var viewB = transposeB ? MatrixView.RowMajor(b, n, k).T : MatrixView.RowMajor(b, k, n);
        double A(int i, int p) => transposeA ? a[p * m + i] : a[i * k + p];
        double B(int p, int j) => transposeB ? b[j * k + p] : b[p * n + j];

        int ldc = n + 3;
        double[] c = Random(m * ldc, seed + 2), before = (double[])c.Clone();
        gemm.Multiply(viewA, viewB, c, ldc, accumulate);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? before[i * ldc + j] : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    sum += A(i, p) * B(p, j);
                    magnitude += Math.Abs(A(i, p) * B(p, j));
                }
                double bound = 2 * (k + 1) * 1.1102230246251565e-16 * magnitude;   // 2·(k+1)·u·Σ|terms|, u = 2⁻⁵³
                Assert.True(Math.Abs(c[i * ldc + j] - sum) <= bound,
                    $"{gemm.Path} {m}×{k}·{k}×{n} (Aᵀ {transposeA}, Bᵀ {transposeB}, += {accumulate}): C[{i}, {j}] = " +
                    $"{c[i * ldc + j]:R}, the loops give {sum:R} (bound {bound:G3})");
            }
            for (int j = n; j < ldc; j++)
                Assert.Equal(before[i * ldc + j], c[i * ldc + j]);   // the padding between rows is not written
        }
    }

    /// <summary>The paths by name (the enum is internal to the library).</summary>
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in Gemm.Supported) data.Add(path.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Awkward_shapes_match_the_triple_loop(string path)
    {
        var gemm = new Gemm(Enum.Parse<GemmPath>(path));
        int seed = 0;
        foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 5), (13, 7, 1), (129, 257, 33), (128, 100, 100), (100, 100, 128),
                     (128, 3, 100), (128, 100, 2), (3, 2, 300) })
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
            Check(gemm, m, n, k, ta, tb, accumulate: (seed++ & 1) == 1, seed);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Tails_of_every_width_match_the_triple_loop(string path)
    {
        // Every number of rows up to two tiles (MR = 8) and of columns up to two tiles (NR = 2 vectors).
        var gemm = new Gemm(Enum.Parse<GemmPath>(path));
        int seed = 100;
        for (int m = 1; m <= 2 * Gemm.MR + 1; m++)
        for (int n = 1; n <= 2 * gemm.NR + 1; n++)
            Check(gemm, m, n, k: 1 + (m + n) % 4, transposeA: m % 2 == 0, transposeB: n % 3 == 0, accumulate: (m + n) % 2 == 0, seed++);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_block_edge_matches_the_triple_loop(string path)
    {
        // Tiny blocks (depth 5, 8 rows, 7 columns) make every cache-block boundary fall inside these shapes.
        var gemm = new Gemm(Enum.Parse<GemmPath>(path), kc: 5, mc: 8, nc: 7);
        int seed = 500;
        foreach (var (m, n, k) in new[] { (37, 41, 23), (9, 15, 5), (8, 7, 6), (17, 1, 11), (1, 30, 10) })
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        foreach (bool add in new[] { false, true })
            Check(gemm, m, n, k, ta, tb, add, seed++);
    }

    [Fact]
    public void An_empty_depth_gives_zeros_or_leaves_C()
    {
        var gemm = new Gemm();
        double[] c = [1, 2, 3, 4];
        gemm.Multiply(MatrixView.RowMajor([], 2, 0), MatrixView.RowMajor([], 0, 2), c, 2, accumulate: true);
        Assert.Equal([1, 2, 3, 4], c);
        gemm.Multiply(MatrixView.RowMajor([], 2, 0), MatrixView.RowMajor([], 0, 2), c, 2, accumulate: false);
        Assert.Equal([0, 0, 0, 0], c);
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_refused()
    {
        var gemm = new Gemm();
        double[] a = new double[6], c = new double[4];
        Assert.Throws<ArgumentException>(() => gemm.Multiply(MatrixView.RowMajor(a, 2, 3), MatrixView.RowMajor(a, 2, 3), c, 2, false));
        Assert.Throws<ArgumentException>(() => gemm.Multiply(MatrixView.RowMajor(a, 2, 3), MatrixView.RowMajor(a, 3, 2), c, 1, false));
        Assert.Throws<ArgumentException>(() => MatrixView.RowMajor(a, 3, 3));
    }

    [Fact]
    public void Repeated_products_allocate_nothing()
    {
        var gemm = new Gemm();
        double[] a = Random(128 * 100, 1), b = Random(100 * 100, 2), c = new double[128 * 100];
        void Run()
        {
            gemm.Multiply(MatrixView.RowMajor(a, 128, 100), MatrixView.RowMajor(b, 100, 100).T, c, 100, false);
            gemm.Multiply(MatrixView.RowMajor(a, 128, 100), MatrixView.RowMajor(b, 100, 100), c, 100, true);
            gemm.Multiply(MatrixView.RowMajor(a, 128, 100).T, MatrixView.RowMajor(c, 128, 100), b, 100, false);
        }
        Run();
        // The least over five windows: the runtime's one-off allocations on this thread (tiered compilation)
        // can land in one window; an allocation of the products themselves would recur in every one.
        long least = long.MaxValue;
        for (int window = 0; window < 5; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) Run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    [Fact]
    public void This_machine_runs_its_widest_vectors()
    {
        // AVX-512 where the CPU has it (this project's machines do), else AVX2 FMA, else scalar.
        var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported
            ? GemmPath.Vector512
            : System.Runtime.Intrinsics.X86.Fma.IsSupported ? GemmPath.Vector256 : GemmPath.Scalar;
        Assert.Equal(expected, Gemm.Best);
        Assert.Equal(expected, new Gemm().Path);
    }
}
