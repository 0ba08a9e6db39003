using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>An <see cref="IOctet{T}"/> in one 512-bit register.</summary>
internal readonly struct Octet512(Vector512<double> v) : IOctet<Octet512>
{
    private readonly Vector512<double> _v = v;

    public static int Registers => 1;
    public static Octet512 Zero { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(Vector512<double>.Zero); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index) => _v.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator +(Octet512 a, Octet512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator -(Octet512 a, Octet512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator *(Octet512 a, Octet512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator /(Octet512 a, Octet512 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator &(Octet512 a, Octet512 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator |(Octet512 a, Octet512 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 operator ~(Octet512 a) => new(~a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 FusedMultiplyAddLoaded(ref double source, nuint index, Octet512 factor, Octet512 addend) =>
        new(Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref source, index), factor._v, addend._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 FusedMultiplyAdd(Octet512 a, Octet512 b, Octet512 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 Abs(Octet512 a) => new(Vector512.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 Max(Octet512 a, Octet512 b) => new(Vector512.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 MaxNative(Octet512 a, Octet512 b) => new(Vector512.MaxNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 MinNative(Octet512 a, Octet512 b) => new(Vector512.MinNative(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 Equal(Octet512 a, Octet512 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 LessThan(Octet512 a, Octet512 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 LessThanOrEqual(Octet512 a, Octet512 b) => new(Vector512.LessThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 GreaterThan(Octet512 a, Octet512 b) => new(Vector512.GreaterThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 GreaterThanOrEqual(Octet512 a, Octet512 b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet512 ConditionalSelect(Octet512 mask, Octet512 whenTrue, Octet512 whenFalse) =>
        new(Vector512.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ExtractMostSignificantBits(Octet512 a) => (uint)a._v.ExtractMostSignificantBits();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NoNaN(Octet512 a) => Vector512.EqualsAll(a._v, a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumLanes(Octet512 s) => Octet256.SumLanes(s._v.GetLower(), s._v.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxLanes(Octet512 s) => Octet256.MaxLanes(s._v.GetLower(), s._v.GetUpper());
}
