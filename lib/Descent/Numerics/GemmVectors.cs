using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Descent.Numerics;

/// <summary>
/// The four operations the matrix-multiply micro-kernel needs, at one vector width, so the kernel is
/// written once (<see cref="Gemm"/>) and compiled by the JIT for each width (a generic over a struct is
/// specialised, so the interface costs nothing at run time). Unlike the optimizers' lanes, these use a
/// fused multiply-add: a product's sum order differs from a dot product's anyway, and FMA is both
/// faster and more accurate.
/// </summary>
internal interface IGemmVector<TSelf> where TSelf : struct, IGemmVector<TSelf>
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    /// <summary>Every lane = <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(double value);

    /// <summary><see cref="Count"/> doubles from <paramref name="source"/> + <paramref name="offset"/> (no bounds check).</summary>
    static abstract TSelf Load(ref double source, nint offset);

    /// <summary>Writes the lanes to <paramref name="destination"/> + <paramref name="offset"/> (no bounds check).</summary>
    void Store(ref double destination, nint offset);

    /// <summary>a · b + c per lane.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf operator +(TSelf a, TSelf b);
}

/// <summary>Eight doubles, AVX-512 FMA (vfmadd231pd zmm).</summary>
internal readonly struct GemmVector512(Vector512<double> v) : IGemmVector<GemmVector512>
{
    private readonly Vector512<double> v = v;
    public static int Count => Vector512<double>.Count;
    public static GemmVector512 Zero => new(Vector512<double>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector512 Broadcast(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector512 Load(ref double source, nint offset) => new(Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nint offset) => v.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector512 MultiplyAdd(GemmVector512 a, GemmVector512 b, GemmVector512 c) =>
        new(Vector512.FusedMultiplyAdd(a.v, b.v, c.v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector512 operator +(GemmVector512 a, GemmVector512 b) => new(a.v + b.v);
}

/// <summary>Four doubles, AVX2 FMA (vfmadd231pd ymm).</summary>
internal readonly struct GemmVector256(Vector256<double> v) : IGemmVector<GemmVector256>
{
    private readonly Vector256<double> v = v;
    public static int Count => Vector256<double>.Count;
    public static GemmVector256 Zero => new(Vector256<double>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector256 Broadcast(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector256 Load(ref double source, nint offset) => new(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nint offset) => v.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector256 MultiplyAdd(GemmVector256 a, GemmVector256 b, GemmVector256 c) =>
        new(Vector256.FusedMultiplyAdd(a.v, b.v, c.v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmVector256 operator +(GemmVector256 a, GemmVector256 b) => new(a.v + b.v);
}

/// <summary>
/// One double, plain multiply then add: the fallback for a machine without FMA, where a fused
/// multiply-add would be emulated in software (slow).
/// </summary>
internal readonly struct GemmScalar(double v) : IGemmVector<GemmScalar>
{
    private readonly double v = v;
    public static int Count => 1;
    public static GemmScalar Zero => new(0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmScalar Broadcast(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmScalar Load(ref double source, nint offset) => new(Unsafe.Add(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nint offset) => Unsafe.Add(ref destination, offset) = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmScalar MultiplyAdd(GemmScalar a, GemmScalar b, GemmScalar c) => new(a.v * b.v + c.v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmScalar operator +(GemmScalar a, GemmScalar b) => new(a.v + b.v);
}
