using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Descent.Training;

/// <summary>
/// The element-wise passes around <see cref="Mlp"/>'s matrix products, on SIMD vectors. Each keeps the
/// row-by-row version's comparisons exactly (<c>z &lt; 0</c>, <c>a ≤ 0</c>), so a NaN goes through as it did.
/// </summary>
internal static class MlpKernels
{
    /// <summary>ReLU in place: every z &lt; 0 becomes 0 (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    public static void Relu(Span<double> z)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(z);
        for (int i = 0; i < vectors.Length; i++)
            vectors[i] = Vector.ConditionalSelect(Vector.LessThan(vectors[i], Vector<double>.Zero), Vector<double>.Zero, vectors[i]);
        for (int i = vectors.Length * Vector<double>.Count; i < z.Length; i++)
            if (z[i] < 0) z[i] = 0;
    }

    /// <summary>The ReLU's derivative applied to δ: δₖ = 0 wherever the unit's output aₖ ≤ 0 (it was off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    public static void ReluMask(Span<double> delta, ReadOnlySpan<double> activation)
    {
        var d = MemoryMarshal.Cast<double, Vector<double>>(delta);
        var a = MemoryMarshal.Cast<double, Vector<double>>(activation[..delta.Length]);
        for (int i = 0; i < d.Length; i++)
            d[i] = Vector.ConditionalSelect(Vector.LessThanOrEqual(a[i], Vector<double>.Zero), Vector<double>.Zero, d[i]);
        for (int i = d.Length * Vector<double>.Count; i < delta.Length; i++)
            if (activation[i] <= 0) delta[i] = 0;
    }

    /// <summary>sums = the sum of the <paramref name="rows"/> rows of a row-major matrix, row after row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    public static void ColumnSums(ReadOnlySpan<double> matrix, int rows, Span<double> sums)
    {
        int width = sums.Length;
        sums.Clear();
        for (int i = 0; i < rows; i++) TensorPrimitives.Add(sums, matrix.Slice(i * width, width), sums);
    }
}
