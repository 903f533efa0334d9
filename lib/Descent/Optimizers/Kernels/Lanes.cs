using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optimizers.Kernels;

/// <summary>
/// The arithmetic an optimizer's per-element update needs, on one number (<see cref="Scalar"/>) or
/// on a SIMD vector of numbers (<see cref="Lanes128"/>, <see cref="Lanes256"/>, <see cref="Lanes512"/>).
/// An update written once against this interface runs the vector body and the scalar tail, so each
/// algorithm exists once. Every operation is IEEE-754 correctly rounded in every width (no fused
/// multiply-add is introduced), so a parameter gets the same bits whichever width computed it.
/// </summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    /// <summary>How many doubles one value holds.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Splat(double value);

    /// <summary>Reads <see cref="Count"/> doubles from <paramref name="span"/> at <paramref name="index"/> (no bounds check).</summary>
    static abstract TSelf Load(ReadOnlySpan<double> span, int index);

    /// <summary>Writes the lanes to <paramref name="span"/> at <paramref name="index"/> (no bounds check).</summary>
    void Store(Span<double> span, int index);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>√x per lane.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>max(a, b) per lane, IEEE 754-2019 maximum (NaN propagates), as torch.maximum.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>|x| per lane.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>sign(x) per lane: 1, −1, or 0 for ±0; NaN stays NaN (as torch.sign and jnp.sign).</summary>
    static abstract TSelf Sign(TSelf x);
}

/// <summary>One double: the scalar tail of every loop, and the reference the vector widths must match.</summary>
internal readonly struct Scalar(double value) : ILanes<Scalar>
{
    private readonly double value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar Splat(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar Load(ReadOnlySpan<double> span, int index) =>
        new(Unsafe.Add(ref MemoryMarshal.GetReference(span), index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> span, int index) => Unsafe.Add(ref MemoryMarshal.GetReference(span), index) = value;

    public static Scalar operator +(Scalar a, Scalar b) => new(a.value + b.value);
    public static Scalar operator -(Scalar a, Scalar b) => new(a.value - b.value);
    public static Scalar operator *(Scalar a, Scalar b) => new(a.value * b.value);
    public static Scalar operator /(Scalar a, Scalar b) => new(a.value / b.value);
    public static Scalar Sqrt(Scalar x) => new(Math.Sqrt(x.value));
    public static Scalar Max(Scalar a, Scalar b) => new(Math.Max(a.value, b.value));
    public static Scalar Abs(Scalar x) => new(Math.Abs(x.value));
    public static Scalar Sign(Scalar x) => new(double.IsNaN(x.value) ? x.value : x.value > 0 ? 1 : x.value < 0 ? -1 : 0);
}

/// <summary>Two doubles (SSE2 / NEON).</summary>
internal readonly struct Lanes128(Vector128<double> value) : ILanes<Lanes128>
{
    private readonly Vector128<double> value = value;

    public static int Count => Vector128<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Splat(double value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ReadOnlySpan<double> span, int index) =>
        new(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> span, int index) => value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    public static Lanes128 operator +(Lanes128 a, Lanes128 b) => new(a.value + b.value);
    public static Lanes128 operator -(Lanes128 a, Lanes128 b) => new(a.value - b.value);
    public static Lanes128 operator *(Lanes128 a, Lanes128 b) => new(a.value * b.value);
    public static Lanes128 operator /(Lanes128 a, Lanes128 b) => new(a.value / b.value);
    public static Lanes128 Sqrt(Lanes128 x) => new(Vector128.Sqrt(x.value));
    public static Lanes128 Max(Lanes128 a, Lanes128 b) => new(Vector128.Max(a.value, b.value));
    public static Lanes128 Abs(Lanes128 x) => new(Vector128.Abs(x.value));
    public static Lanes128 Sign(Lanes128 x)
    {
        var one = Vector128<double>.One;
        var sign = (Vector128.GreaterThan(x.value, Vector128<double>.Zero) & one) - (Vector128.LessThan(x.value, Vector128<double>.Zero) & one);
        return new(Vector128.ConditionalSelect(Vector128.Equals(x.value, x.value), sign, x.value));
    }
}

/// <summary>Four doubles (AVX).</summary>
internal readonly struct Lanes256(Vector256<double> value) : ILanes<Lanes256>
{
    private readonly Vector256<double> value = value;

    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Splat(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ReadOnlySpan<double> span, int index) =>
        new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> span, int index) => value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a.value + b.value);
    public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a.value - b.value);
    public static Lanes256 operator *(Lanes256 a, Lanes256 b) => new(a.value * b.value);
    public static Lanes256 operator /(Lanes256 a, Lanes256 b) => new(a.value / b.value);
    public static Lanes256 Sqrt(Lanes256 x) => new(Vector256.Sqrt(x.value));
    public static Lanes256 Max(Lanes256 a, Lanes256 b) => new(Vector256.Max(a.value, b.value));
    public static Lanes256 Abs(Lanes256 x) => new(Vector256.Abs(x.value));
    public static Lanes256 Sign(Lanes256 x)
    {
        var one = Vector256<double>.One;
        var sign = (Vector256.GreaterThan(x.value, Vector256<double>.Zero) & one) - (Vector256.LessThan(x.value, Vector256<double>.Zero) & one);
        return new(Vector256.ConditionalSelect(Vector256.Equals(x.value, x.value), sign, x.value));
    }
}

/// <summary>Eight doubles (AVX-512).</summary>
internal readonly struct Lanes512(Vector512<double> value) : ILanes<Lanes512>
{
    private readonly Vector512<double> value = value;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Splat(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ReadOnlySpan<double> span, int index) =>
        new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> span, int index) => value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a.value + b.value);
    public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a.value - b.value);
    public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a.value * b.value);
    public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a.value / b.value);
    public static Lanes512 Sqrt(Lanes512 x) => new(Vector512.Sqrt(x.value));
    public static Lanes512 Max(Lanes512 a, Lanes512 b) => new(Vector512.Max(a.value, b.value));
    public static Lanes512 Abs(Lanes512 x) => new(Vector512.Abs(x.value));
    public static Lanes512 Sign(Lanes512 x)
    {
        var one = Vector512<double>.One;
        var sign = (Vector512.GreaterThan(x.value, Vector512<double>.Zero) & one) - (Vector512.LessThan(x.value, Vector512<double>.Zero) & one);
        return new(Vector512.ConditionalSelect(Vector512.Equals(x.value, x.value), sign, x.value));
    }
}
