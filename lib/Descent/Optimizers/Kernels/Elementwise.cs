using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Descent.Optimizers.Kernels;

/// <summary>
/// An optimizer's update of parameter i (or of the <c>T.Count</c> parameters from i on), written once
/// against <see cref="ILanes{TSelf}"/>. Implementations are ref structs that hold the spans and the
/// step's constants; they load, compute and store in <see cref="At{T}"/>.
/// </summary>
internal interface IElementwise
{
    /// <summary>Updates the parameters i … i + T.Count − 1 and their state.</summary>
    void At<T>(int i) where T : struct, ILanes<T>;
}

/// <summary>Runs an <see cref="IElementwise"/> update over n parameters: widest vectors first, then one at a time.</summary>
internal static class Elementwise
{
    /// <summary>The vector width the loops use, in bits: the widest this machine accelerates (chosen once).</summary>
    public static int WidthInBits { get; } =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 64;

    /// <summary>Applies <paramref name="update"/> to every index 0 … n − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    public static void Run<TUpdate>(scoped ref TUpdate update, int n) where TUpdate : IElementwise, allows ref struct
    {
        int i = 0;
        // The checks are JIT-time constants: only one loop survives compilation.
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Lanes512.Count; i += Lanes512.Count) update.At<Lanes512>(i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Lanes256.Count; i += Lanes256.Count) update.At<Lanes256>(i);
        else if (Vector128.IsHardwareAccelerated)
            for (; i <= n - Lanes128.Count; i += Lanes128.Count) update.At<Lanes128>(i);
        for (; i < n; i++) update.At<Scalar>(i);
    }
}
