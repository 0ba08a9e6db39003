using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>An <see cref="IOctet{T}"/> in two 256-bit registers: lanes 0-3, then 4-7.</summary>
internal readonly struct Octet256(Vector256<double> lo, Vector256<double> hi) : IOctet<Octet256>
{
    private readonly Vector256<double> _lo = lo;
    private readonly Vector256<double> _hi = hi;

    public static int Registers => 2;
    public static Octet256 Zero { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(Vector256<double>.Zero, Vector256<double>.Zero); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 Create(double value) { var v = Vector256.Create(value); return new(v, v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 Load(ref double source, nuint index) =>
        new(Vector256.LoadUnsafe(ref source, index), Vector256.LoadUnsafe(ref source, index + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index)
    {
        _lo.StoreUnsafe(ref destination, index);
        _hi.StoreUnsafe(ref destination, index + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator +(Octet256 a, Octet256 b) => new(a._lo + b._lo, a._hi + b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator -(Octet256 a, Octet256 b) => new(a._lo - b._lo, a._hi - b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator *(Octet256 a, Octet256 b) => new(a._lo * b._lo, a._hi * b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator /(Octet256 a, Octet256 b) => new(a._lo / b._lo, a._hi / b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator &(Octet256 a, Octet256 b) => new(a._lo & b._lo, a._hi & b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator |(Octet256 a, Octet256 b) => new(a._lo | b._lo, a._hi | b._hi);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 operator ~(Octet256 a) => new(~a._lo, ~a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 FusedMultiplyAddLoaded(ref double source, nuint index, Octet256 factor, Octet256 addend) =>
        new(Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, index), factor._lo, addend._lo),
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, index + 4), factor._hi, addend._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 FusedMultiplyAdd(Octet256 a, Octet256 b, Octet256 c) =>
        new(Vector256.FusedMultiplyAdd(a._lo, b._lo, c._lo), Vector256.FusedMultiplyAdd(a._hi, b._hi, c._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 Abs(Octet256 a) => new(Vector256.Abs(a._lo), Vector256.Abs(a._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 Max(Octet256 a, Octet256 b) => new(Vector256.Max(a._lo, b._lo), Vector256.Max(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 MaxNative(Octet256 a, Octet256 b) => new(Vector256.MaxNative(a._lo, b._lo), Vector256.MaxNative(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 MinNative(Octet256 a, Octet256 b) => new(Vector256.MinNative(a._lo, b._lo), Vector256.MinNative(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 Equal(Octet256 a, Octet256 b) => new(Vector256.Equals(a._lo, b._lo), Vector256.Equals(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 LessThan(Octet256 a, Octet256 b) => new(Vector256.LessThan(a._lo, b._lo), Vector256.LessThan(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 LessThanOrEqual(Octet256 a, Octet256 b) => new(Vector256.LessThanOrEqual(a._lo, b._lo), Vector256.LessThanOrEqual(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 GreaterThan(Octet256 a, Octet256 b) => new(Vector256.GreaterThan(a._lo, b._lo), Vector256.GreaterThan(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 GreaterThanOrEqual(Octet256 a, Octet256 b) => new(Vector256.GreaterThanOrEqual(a._lo, b._lo), Vector256.GreaterThanOrEqual(a._hi, b._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet256 ConditionalSelect(Octet256 mask, Octet256 whenTrue, Octet256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask._lo, whenTrue._lo, whenFalse._lo), Vector256.ConditionalSelect(mask._hi, whenTrue._hi, whenFalse._hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ExtractMostSignificantBits(Octet256 a) => a._lo.ExtractMostSignificantBits() | a._hi.ExtractMostSignificantBits() << 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NoNaN(Octet256 a) => Vector256.EqualsAll(a._lo, a._lo) & Vector256.EqualsAll(a._hi, a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumLanes(Octet256 s) => SumLanes(s._lo, s._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxLanes(Octet256 s) => MaxLanes(s._lo, s._hi);

    /// <summary><see cref="IOctet{T}.SumLanes"/> of lanes 0-3 and 4-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SumLanes(Vector256<double> lower, Vector256<double> upper)
    {
        var t = lower + upper;
        return (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));
    }

    /// <summary><see cref="IOctet{T}.MaxLanes"/> of lanes 0-3 and 4-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MaxLanes(Vector256<double> lower, Vector256<double> upper)
    {
        var h = Vector256.Max(lower, upper);
        return Math.Max(Math.Max(h.GetElement(0), h.GetElement(1)), Math.Max(h.GetElement(2), h.GetElement(3)));
    }
}
