using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>An <see cref="IOctet{T}"/> in four 128-bit registers: lanes 0-1, 2-3, 4-5, 6-7.</summary>
internal readonly struct Octet128(Vector128<double> a, Vector128<double> b, Vector128<double> c, Vector128<double> d) : IOctet<Octet128>
{
    private readonly Vector128<double> _a = a;
    private readonly Vector128<double> _b = b;
    private readonly Vector128<double> _c = c;
    private readonly Vector128<double> _d = d;

    public static int Registers => 4;
    public static Octet128 Zero { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(Vector128<double>.Zero, Vector128<double>.Zero, Vector128<double>.Zero, Vector128<double>.Zero); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 Create(double value) { var v = Vector128.Create(value); return new(v, v, v, v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 Load(ref double source, nuint index) =>
        new(Vector128.LoadUnsafe(ref source, index), Vector128.LoadUnsafe(ref source, index + 2), Vector128.LoadUnsafe(ref source, index + 4), Vector128.LoadUnsafe(ref source, index + 6));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index)
    {
        _a.StoreUnsafe(ref destination, index);
        _b.StoreUnsafe(ref destination, index + 2);
        _c.StoreUnsafe(ref destination, index + 4);
        _d.StoreUnsafe(ref destination, index + 6);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator +(Octet128 a, Octet128 b) => new(a._a + b._a, a._b + b._b, a._c + b._c, a._d + b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator -(Octet128 a, Octet128 b) => new(a._a - b._a, a._b - b._b, a._c - b._c, a._d - b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator *(Octet128 a, Octet128 b) => new(a._a * b._a, a._b * b._b, a._c * b._c, a._d * b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator /(Octet128 a, Octet128 b) => new(a._a / b._a, a._b / b._b, a._c / b._c, a._d / b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator &(Octet128 a, Octet128 b) => new(a._a & b._a, a._b & b._b, a._c & b._c, a._d & b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator |(Octet128 a, Octet128 b) => new(a._a | b._a, a._b | b._b, a._c | b._c, a._d | b._d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 operator ~(Octet128 a) => new(~a._a, ~a._b, ~a._c, ~a._d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 FusedMultiplyAddLoaded(ref double source, nuint index, Octet128 factor, Octet128 addend) =>
        FusedMultiplyAdd(Load(ref source, index), factor, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 FusedMultiplyAdd(Octet128 a, Octet128 b, Octet128 c) =>
        new(Vector128.FusedMultiplyAdd(a._a, b._a, c._a), Vector128.FusedMultiplyAdd(a._b, b._b, c._b), Vector128.FusedMultiplyAdd(a._c, b._c, c._c), Vector128.FusedMultiplyAdd(a._d, b._d, c._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 Abs(Octet128 a) => new(Vector128.Abs(a._a), Vector128.Abs(a._b), Vector128.Abs(a._c), Vector128.Abs(a._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 Max(Octet128 a, Octet128 b) => new(Vector128.Max(a._a, b._a), Vector128.Max(a._b, b._b), Vector128.Max(a._c, b._c), Vector128.Max(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 MaxNative(Octet128 a, Octet128 b) => new(Vector128.MaxNative(a._a, b._a), Vector128.MaxNative(a._b, b._b), Vector128.MaxNative(a._c, b._c), Vector128.MaxNative(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 MinNative(Octet128 a, Octet128 b) => new(Vector128.MinNative(a._a, b._a), Vector128.MinNative(a._b, b._b), Vector128.MinNative(a._c, b._c), Vector128.MinNative(a._d, b._d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 Equal(Octet128 a, Octet128 b) => new(Vector128.Equals(a._a, b._a), Vector128.Equals(a._b, b._b), Vector128.Equals(a._c, b._c), Vector128.Equals(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 LessThan(Octet128 a, Octet128 b) => new(Vector128.LessThan(a._a, b._a), Vector128.LessThan(a._b, b._b), Vector128.LessThan(a._c, b._c), Vector128.LessThan(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 LessThanOrEqual(Octet128 a, Octet128 b) => new(Vector128.LessThanOrEqual(a._a, b._a), Vector128.LessThanOrEqual(a._b, b._b), Vector128.LessThanOrEqual(a._c, b._c), Vector128.LessThanOrEqual(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 GreaterThan(Octet128 a, Octet128 b) => new(Vector128.GreaterThan(a._a, b._a), Vector128.GreaterThan(a._b, b._b), Vector128.GreaterThan(a._c, b._c), Vector128.GreaterThan(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 GreaterThanOrEqual(Octet128 a, Octet128 b) => new(Vector128.GreaterThanOrEqual(a._a, b._a), Vector128.GreaterThanOrEqual(a._b, b._b), Vector128.GreaterThanOrEqual(a._c, b._c), Vector128.GreaterThanOrEqual(a._d, b._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet128 ConditionalSelect(Octet128 mask, Octet128 whenTrue, Octet128 whenFalse) =>
        new(Vector128.ConditionalSelect(mask._a, whenTrue._a, whenFalse._a), Vector128.ConditionalSelect(mask._b, whenTrue._b, whenFalse._b), Vector128.ConditionalSelect(mask._c, whenTrue._c, whenFalse._c), Vector128.ConditionalSelect(mask._d, whenTrue._d, whenFalse._d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ExtractMostSignificantBits(Octet128 a) => a._a.ExtractMostSignificantBits() | a._b.ExtractMostSignificantBits() << 2 | a._c.ExtractMostSignificantBits() << 4 | a._d.ExtractMostSignificantBits() << 6;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NoNaN(Octet128 a) => Vector128.EqualsAll(a._a, a._a) & Vector128.EqualsAll(a._b, a._b) & Vector128.EqualsAll(a._c, a._c) & Vector128.EqualsAll(a._d, a._d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumLanes(Octet128 s)
    {
        // t_l = s_l + s_(l+4): lanes 0-1 with 4-5, 2-3 with 6-7.
        var t01 = s._a + s._c;
        var t23 = s._b + s._d;
        return (t01.GetElement(0) + t01.GetElement(1)) + (t23.GetElement(0) + t23.GetElement(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxLanes(Octet128 s)
    {
        var h01 = Vector128.Max(s._a, s._c);
        var h23 = Vector128.Max(s._b, s._d);
        return Math.Max(Math.Max(h01.GetElement(0), h01.GetElement(1)), Math.Max(h23.GetElement(0), h23.GetElement(1)));
    }
}
