using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Numerics;

/// <summary>
/// A read-only matrix inside a flat buffer: element (i, j) is <c>Data[i·RowStride + j·ColStride]</c>. A
/// row-major r × c matrix has strides (c, 1); its transpose <see cref="T"/> is the same numbers with the
/// strides swapped, so a product with a transposed operand needs no copy.
/// </summary>
internal readonly ref struct MatrixView
{
    public readonly ReadOnlySpan<double> Data;
    public readonly int Rows, Cols, RowStride, ColStride;

    public MatrixView(ReadOnlySpan<double> data, int rows, int cols, int rowStride, int colStride)
    {
        if (rows < 0 || cols < 0 || rowStride < 0 || colStride < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"a {rows} × {cols} view with strides ({rowStride}, {colStride}): " +
                "the valid sizes and strides are ≥ 0.");
        if (rows > 0 && cols > 0 && (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride >= data.Length)
            throw new ArgumentException($"a {rows} × {cols} view with strides ({rowStride}, {colStride}) reaches past the " +
                $"buffer's {data.Length} values: the valid buffer holds every element.", nameof(data));
        Data = data;
        (Rows, Cols, RowStride, ColStride) = (rows, cols, rowStride, colStride);
    }

    /// <summary>A row-major <paramref name="rows"/> × <paramref name="cols"/> matrix.</summary>
    public static MatrixView RowMajor(ReadOnlySpan<double> data, int rows, int cols) => new(data, rows, cols, cols, 1);

    /// <summary>The transpose: the same numbers, rows and columns swapped.</summary>
    public MatrixView T => new(Data, Cols, Rows, ColStride, RowStride);
}

/// <summary>Which micro-kernel a <see cref="Gemm"/> runs.</summary>
internal enum GemmPath
{
    /// <summary>Plain doubles (a machine without FMA).</summary>
    Scalar,
    /// <summary>4 doubles per vector, AVX2 FMA.</summary>
    Vector256,
    /// <summary>8 doubles per vector, AVX-512 FMA.</summary>
    Vector512,
}

/// <summary>
/// C = A·B or C += A·B in float64, single-threaded, the way BLAS libraries do it (Goto and van de Geijn,
/// "Anatomy of high-performance matrix multiplication", 2008):
/// <list type="bullet">
/// <item>cache blocking: B is cut into KC × NC blocks packed into a contiguous buffer (meant for L2/L3), A into
/// MC × KC blocks (meant for L2); each packed block is read many times while it is in cache;</item>
/// <item>register tiling: a micro-kernel computes an MR × NR tile of C (8 rows × 2 vectors) in 16 vector
/// registers, one fused multiply-add per vector per k, reading A's 8 numbers and B's 2 vectors from the
/// packed panels sequentially;</item>
/// <item>packing also absorbs transposes and strides (<see cref="MatrixView"/>), so one kernel serves X·Wᵀ,
/// δ·W and δᵀ·X, and zero-pads the edges, so tiles of every size go through the same loop.</item>
/// </list>
/// The widest FMA vectors the machine has are used (<see cref="Best"/>). The packing buffers belong to the
/// instance and grow to the largest product seen, so repeated products of the same shapes allocate nothing;
/// an instance is not thread-safe.
/// </summary>
internal sealed class Gemm
{
    /// <summary>Rows of C per micro-tile.</summary>
    public const int MR = 8;

    /// <summary>The widest path this machine runs (checked once): AVX-512, else AVX2 with FMA, else scalar.</summary>
    public static GemmPath Best { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmPath.Vector256
        : GemmPath.Scalar;

    /// <summary>Every path this machine can run (for tests that check each one).</summary>
    public static IReadOnlyList<GemmPath> Supported { get; } =
        Enum.GetValues<GemmPath>().Where(p => p <= Best).ToArray();

    private readonly int kc, mc, nc;
    private double[] packA = [], packB = [];
    private readonly double[] edge = new double[MR * 16];   // one tile, for the edges of C

    /// <summary>The fastest path, with blocks sized for the L1/L2 caches of current x64 cores.</summary>
    public Gemm() : this(Best) { }

    /// <summary>A chosen path and block sizes (tests use tiny blocks to reach every edge with small matrices).</summary>
    /// <param name="path">The micro-kernel; at most <see cref="Best"/>.</param>
    /// <param name="kc">Depth of a packed block: a KC × NR panel of B (32 KB at 256 × 16) stays in L1.</param>
    /// <param name="mc">Rows of a packed block of A: MC × KC (256 KB at 128 × 256) stays in L2.</param>
    /// <param name="nc">Columns of a packed block of B.</param>
    public Gemm(GemmPath path, int kc = 256, int mc = 128, int nc = 2048)
    {
        if (path > Best) throw new ArgumentOutOfRangeException(nameof(path), path, $"this machine runs up to {Best}.");
        if (kc < 1 || mc < MR || mc % MR != 0 || nc < 1)
            throw new ArgumentOutOfRangeException(nameof(kc), $"blocks kc = {kc}, mc = {mc}, nc = {nc}: valid are kc ≥ 1, " +
                $"mc a multiple of {MR}, nc ≥ 1.");
        (Path, this.kc, this.mc, this.nc) = (path, kc, mc, nc);
    }

    /// <summary>The micro-kernel this instance runs.</summary>
    public GemmPath Path { get; }

    /// <summary>Columns of C per micro-tile: two vectors.</summary>
    public int NR => 2 * Path switch { GemmPath.Vector512 => 8, GemmPath.Vector256 => 4, _ => 1 };

    /// <summary>
    /// C = A·B (<paramref name="accumulate"/> false) or C += A·B (true), with C row-major, <paramref name="ldc"/>
    /// apart from row to row (≥ its columns). C must not overlap A or B.
    /// </summary>
    public void Multiply(MatrixView a, MatrixView b, Span<double> c, int ldc, bool accumulate)
    {
        int m = a.Rows, n = b.Cols, k = a.Cols;
        if (b.Rows != k)
            throw new ArgumentException($"A is {a.Rows} × {a.Cols} and B is {b.Rows} × {b.Cols}: the valid product needs " +
                "A's columns = B's rows.", nameof(b));
        if (m == 0 || n == 0) return;
        if (ldc < n || (long)(m - 1) * ldc + n > c.Length)
            throw new ArgumentException($"C holds {c.Length} values with ldc = {ldc}: a valid C holds {m} rows of {n} " +
                $"(ldc ≥ {n}).", nameof(c));
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        switch (Path)
        {
            case GemmPath.Vector512: Run<GemmVector512>(a, b, c, ldc, accumulate); break;
            case GemmPath.Vector256: Run<GemmVector256>(a, b, c, ldc, accumulate); break;
            default: Run<GemmScalar>(a, b, c, ldc, accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    private void Run<T>(MatrixView a, MatrixView b, Span<double> c, int ldc, bool accumulate) where T : struct, IGemmVector<T>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols, nr = 2 * T.Count;
        int kBlock = Math.Min(kc, k);
        Grow(ref packA, RoundUp(Math.Min(mc, m), MR) * kBlock);
        Grow(ref packB, RoundUp(Math.Min(nc, n), nr) * kBlock);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        ref double pa = ref MemoryMarshal.GetArrayDataReference(packA);
        ref double pb = ref MemoryMarshal.GetArrayDataReference(packB);
        ref double scratch = ref MemoryMarshal.GetArrayDataReference(edge);

        for (int jc = 0; jc < n; jc += nc)
        {
            int nb = Math.Min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kc)
            {
                int kb = Math.Min(kc, k - pc);
                bool add = accumulate || pc > 0;   // the first depth block writes C (or adds to it), the others add
                Pack(b.T, jc, pc, nb, kb, nr, packB);
                for (int ic = 0; ic < m; ic += mc)
                {
                    int mb = Math.Min(mc, m - ic);
                    Pack(a, ic, pc, mb, kb, MR, packA);
                    for (int jr = 0; jr < nb; jr += nr)
                    for (int ir = 0; ir < mb; ir += MR)
                        Tile<T>(kb, ref Unsafe.Add(ref pa, ir * kb), ref Unsafe.Add(ref pb, jr * kb),
                            ref Unsafe.Add(ref c0, (ic + ir) * ldc + jc + jr), ldc,
                            Math.Min(MR, mb - ir), Math.Min(nr, nb - jr), add, ref scratch);
                }
            }
        }
    }

    /// <summary>
    /// Packs rows [i0, i0 + rows) × columns [p0, p0 + depth) of <paramref name="x"/> into panels of
    /// <paramref name="width"/> rows: panel after panel, column p after column p, the panel's rows contiguous
    /// (the order the micro-kernel reads them); rows past the end are zeros. B is packed as Bᵀ (its columns
    /// become rows), so one routine serves both operands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    private static void Pack(MatrixView x, int i0, int p0, int rows, int depth, int width, double[] into)
    {
        ref double src = ref MemoryMarshal.GetReference(x.Data);
        ref double dst = ref MemoryMarshal.GetArrayDataReference(into);
        nint rs = x.RowStride, cs = x.ColStride;
        for (int r0 = 0; r0 < rows; r0 += width)
        {
            int valid = Math.Min(width, rows - r0);
            ref double panel = ref Unsafe.Add(ref dst, r0 * depth);
            ref double start = ref Unsafe.Add(ref src, (i0 + r0) * rs + p0 * cs);
            if (cs == 1)
            {
                // Each row is contiguous along p: read it in order, write with the panel's stride.
                for (int r = 0; r < valid; r++)
                {
                    ref double row = ref Unsafe.Add(ref start, r * rs);
                    for (int p = 0; p < depth; p++) Unsafe.Add(ref panel, p * width + r) = Unsafe.Add(ref row, p);
                }
            }
            else
            {
                // Columns are contiguous across rows (rs = 1, a transposed operand) or nothing is: go along p.
                for (int p = 0; p < depth; p++)
                {
                    ref double column = ref Unsafe.Add(ref start, p * cs);
                    ref double line = ref Unsafe.Add(ref panel, p * width);
                    for (int r = 0; r < valid; r++) Unsafe.Add(ref line, r) = Unsafe.Add(ref column, r * rs);
                }
            }
            if (valid < width)
                for (int p = 0; p < depth; p++)
                    for (int r = valid; r < width; r++) Unsafe.Add(ref panel, p * width + r) = 0;
        }
    }

    /// <summary>
    /// The micro-kernel: an MR × NR tile of C from a packed panel of A (MR numbers per k) and of B (NR numbers
    /// per k), in 16 accumulators that live in registers for the whole depth; C is touched once at the end.
    /// A partial tile (the edges of C) is computed whole from the zero-padded panels and only its valid part
    /// stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(int depth, ref double a, ref double b, ref double c, int ldc, int rows, int cols, bool add,
        ref double scratch) where T : struct, IGemmVector<T>
    {
        T c00 = T.Zero, c01 = T.Zero, c10 = T.Zero, c11 = T.Zero, c20 = T.Zero, c21 = T.Zero, c30 = T.Zero, c31 = T.Zero;
        T c40 = T.Zero, c41 = T.Zero, c50 = T.Zero, c51 = T.Zero, c60 = T.Zero, c61 = T.Zero, c70 = T.Zero, c71 = T.Zero;
        nint w = T.Count;
        for (int p = 0; p < depth; p++)
        {
            T b0 = T.Load(ref b, 0), b1 = T.Load(ref b, w);
            T x = T.Broadcast(a); c00 = T.MultiplyAdd(x, b0, c00); c01 = T.MultiplyAdd(x, b1, c01);
            x = T.Broadcast(Unsafe.Add(ref a, 1)); c10 = T.MultiplyAdd(x, b0, c10); c11 = T.MultiplyAdd(x, b1, c11);
            x = T.Broadcast(Unsafe.Add(ref a, 2)); c20 = T.MultiplyAdd(x, b0, c20); c21 = T.MultiplyAdd(x, b1, c21);
            x = T.Broadcast(Unsafe.Add(ref a, 3)); c30 = T.MultiplyAdd(x, b0, c30); c31 = T.MultiplyAdd(x, b1, c31);
            x = T.Broadcast(Unsafe.Add(ref a, 4)); c40 = T.MultiplyAdd(x, b0, c40); c41 = T.MultiplyAdd(x, b1, c41);
            x = T.Broadcast(Unsafe.Add(ref a, 5)); c50 = T.MultiplyAdd(x, b0, c50); c51 = T.MultiplyAdd(x, b1, c51);
            x = T.Broadcast(Unsafe.Add(ref a, 6)); c60 = T.MultiplyAdd(x, b0, c60); c61 = T.MultiplyAdd(x, b1, c61);
            x = T.Broadcast(Unsafe.Add(ref a, 7)); c70 = T.MultiplyAdd(x, b0, c70); c71 = T.MultiplyAdd(x, b1, c71);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * w);
        }
        bool whole = rows == MR && cols == 2 * w;
        // A whole tile goes straight to C; an edge tile to the scratch tile (NR apart), then its valid part to C.
        ref double target = ref whole ? ref c : ref scratch;
        nint stride = whole ? ldc : 2 * w;
        bool addHere = whole && add;
        Put(ref target, 0 * stride, w, c00, c01, addHere);
        Put(ref target, 1 * stride, w, c10, c11, addHere);
        Put(ref target, 2 * stride, w, c20, c21, addHere);
        Put(ref target, 3 * stride, w, c30, c31, addHere);
        Put(ref target, 4 * stride, w, c40, c41, addHere);
        Put(ref target, 5 * stride, w, c50, c51, addHere);
        Put(ref target, 6 * stride, w, c60, c61, addHere);
        Put(ref target, 7 * stride, w, c70, c71, addHere);
        if (whole) return;
        for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++)
        {
            ref double cell = ref Unsafe.Add(ref c, r * ldc + j);
            double v = Unsafe.Add(ref scratch, r * 2 * w + j);
            cell = add ? cell + v : v;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(ref double row, nint offset, nint w, T lo, T hi, bool add) where T : struct, IGemmVector<T>
    {
        if (add)
        {
            lo += T.Load(ref row, offset);
            hi += T.Load(ref row, offset + w);
        }
        lo.Store(ref row, offset);
        hi.Store(ref row, offset + w);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<double>(length);
    }
}
