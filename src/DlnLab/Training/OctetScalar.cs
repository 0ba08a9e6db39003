using System.Runtime.CompilerServices;

namespace DlnLab.Training;

/// <summary>
/// An <see cref="IOctet{T}"/> in eight scalars: the software fallback, and the definition the vector widths are tested
/// against (each operation is the scalar one, lane by lane; a mask lane is all ones or all zeros).
/// </summary>
[InlineArray(8)]
internal struct OctetScalar : IOctet<OctetScalar>
{
    private double _lane;

    private static readonly double True = BitConverter.Int64BitsToDouble(-1);

    public static int Registers => 8;
    public static OctetScalar Zero => default;

    public static OctetScalar Create(double value)
    {
        OctetScalar r = default;
        for (int l = 0; l < 8; l++) r[l] = value;
        return r;
    }

    public static OctetScalar Load(ref double source, nuint index)
    {
        OctetScalar r = default;
        for (int l = 0; l < 8; l++) r[l] = Unsafe.Add(ref source, index + (nuint)l);
        return r;
    }

    public readonly void Store(ref double destination, nuint index)
    {
        for (int l = 0; l < 8; l++) Unsafe.Add(ref destination, index + (nuint)l) = this[l];
    }

    public static OctetScalar operator +(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x + y);
    public static OctetScalar operator -(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x - y);
    public static OctetScalar operator *(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x * y);
    public static OctetScalar operator /(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x / y);
    public static OctetScalar operator &(OctetScalar a, OctetScalar b) => Bits(a, b, static (x, y) => x & y);
    public static OctetScalar operator |(OctetScalar a, OctetScalar b) => Bits(a, b, static (x, y) => x | y);
    public static OctetScalar operator ~(OctetScalar a) => Bits(a, a, static (x, _) => ~x);

    public static OctetScalar FusedMultiplyAdd(OctetScalar a, OctetScalar b, OctetScalar c)
    {
        OctetScalar r = default;
        for (int l = 0; l < 8; l++) r[l] = Math.FusedMultiplyAdd(a[l], b[l], c[l]);
        return r;
    }

    public static OctetScalar FusedMultiplyAddLoaded(ref double source, nuint index, OctetScalar factor, OctetScalar addend) =>
        FusedMultiplyAdd(Load(ref source, index), factor, addend);

    public static OctetScalar Abs(OctetScalar a) => Map(a, a, static (x, _) => Math.Abs(x));
    public static OctetScalar Max(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Math.Max(x, y));
    public static OctetScalar MaxNative(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x > y ? x : y);
    public static OctetScalar MinNative(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => x < y ? x : y);

    public static OctetScalar Equal(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Mask(x == y));
    public static OctetScalar LessThan(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Mask(x < y));
    public static OctetScalar LessThanOrEqual(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Mask(x <= y));
    public static OctetScalar GreaterThan(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Mask(x > y));
    public static OctetScalar GreaterThanOrEqual(OctetScalar a, OctetScalar b) => Map(a, b, static (x, y) => Mask(x >= y));

    public static OctetScalar ConditionalSelect(OctetScalar mask, OctetScalar whenTrue, OctetScalar whenFalse) =>
        (mask & whenTrue) | (~mask & whenFalse);

    public static uint ExtractMostSignificantBits(OctetScalar a)
    {
        uint bits = 0;
        for (int l = 0; l < 8; l++) if (BitConverter.DoubleToInt64Bits(a[l]) < 0) bits |= 1u << l;
        return bits;
    }

    public static bool NoNaN(OctetScalar a)
    {
        for (int l = 0; l < 8; l++) if (double.IsNaN(a[l])) return false;
        return true;
    }

    public static double SumLanes(OctetScalar s) => ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));

    public static double MaxLanes(OctetScalar s) =>
        Math.Max(Math.Max(Math.Max(s[0], s[4]), Math.Max(s[1], s[5])), Math.Max(Math.Max(s[2], s[6]), Math.Max(s[3], s[7])));

    private static double Mask(bool set) => set ? True : 0.0;

    private static OctetScalar Map(OctetScalar a, OctetScalar b, Func<double, double, double> f)
    {
        OctetScalar r = default;
        for (int l = 0; l < 8; l++) r[l] = f(a[l], b[l]);
        return r;
    }

    private static OctetScalar Bits(OctetScalar a, OctetScalar b, Func<long, long, long> f)
    {
        OctetScalar r = default;
        for (int l = 0; l < 8; l++) r[l] = BitConverter.Int64BitsToDouble(f(BitConverter.DoubleToInt64Bits(a[l]), BitConverter.DoubleToInt64Bits(b[l])));
        return r;
    }
}
