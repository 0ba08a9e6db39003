using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DlnLab.Randomness;

/// <summary>
/// Eight <see cref="Xoshiro256"/> generators stepped together, one per lane of a 512-bit vector: each lane's draws are
/// the bits its own generator would give, in the same order (<see cref="NextBelow"/> is
/// <see cref="Xoshiro256.NextBelow"/> lane by lane). Needs AVX-512 (<see cref="IsSupported"/>).
/// </summary>
internal struct Xoshiro256Lanes
{
    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Whether this processor has the 512-bit integer operations used here.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Lane <paramref name="lane"/> takes the generator's state.</summary>
    public void Load(int lane, in Xoshiro256 generator)
    {
        var (s0, s1, s2, s3) = generator.State;
        _s0 = _s0.WithElement(lane, s0);
        _s1 = _s1.WithElement(lane, s1);
        _s2 = _s2.WithElement(lane, s2);
        _s3 = _s3.WithElement(lane, s3);
    }

    /// <summary>The generator takes lane <paramref name="lane"/>'s state back.</summary>
    public readonly void Store(int lane, ref Xoshiro256 generator) =>
        generator.State = (_s0.GetElement(lane), _s1.GetElement(lane), _s2.GetElement(lane), _s3.GetElement(lane));

    /// <summary>Lane <paramref name="to"/> takes lane <paramref name="from"/>'s state.</summary>
    public void Move(int from, int to)
    {
        _s0 = _s0.WithElement(to, _s0.GetElement(from));
        _s1 = _s1.WithElement(to, _s1.GetElement(from));
        _s2 = _s2.WithElement(to, _s2.GetElement(from));
        _s3 = _s3.WithElement(to, _s3.GetElement(from));
    }

    /// <summary>The next 64 bits of every lane (<see cref="Xoshiro256.NextUInt64"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> NextUInt64()
    {
        var s1 = _s1;
        // rotl(s1 * 5, 7) * 9, the products as shifts and adds (the same bits modulo 2^64).
        var five = (s1 << 2) + s1;
        var rotated = Avx512F.RotateLeft(five, 7);
        var result = (rotated << 3) + rotated;
        var t = s1 << 17;
        _s2 ^= _s0;
        _s3 ^= s1;
        _s1 = s1 ^ _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Avx512F.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) in every lane, lane by lane the draw of
    /// <see cref="Xoshiro256.NextBelow"/> (Lemire's method; the rare lanes that need its rejection step take it one by one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<long> NextBelow(int bound)
    {
        var r = NextUInt64();
        // r * bound = (a 2^32 + b) bound with a, b < 2^32: m = a bound + (b bound >> 32), high = m >> 32,
        // low = (m mod 2^32) 2^32 + (b bound mod 2^32).
        var s = Vector512.Create((uint)bound).AsUInt32();
        var b = Avx512F.Multiply(r.AsUInt32(), s);
        var a = Avx512F.Multiply((r >> 32).AsUInt32(), s);
        var m = a + (b >> 32);
        var high = m >> 32;
        var low = (m << 32) | (b & Vector512.Create(0xFFFF_FFFFUL));
        var needsRejection = Vector512.LessThan(low, Vector512.Create((ulong)bound));
        if (needsRejection != Vector512<ulong>.Zero) high = Rejected(high, low, needsRejection, bound);
        return high.AsInt64();
    }

    /// <summary>Lemire's rejection step for the lanes with low &lt; bound, each on its own generator as the scalar draw takes it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Vector512<ulong> Rejected(Vector512<ulong> high, Vector512<ulong> low, Vector512<ulong> lanes, int bound)
    {
        ulong s = (ulong)bound;
        ulong threshold = (0UL - s) % s;
        for (int lane = 0; lane < Vector512<ulong>.Count; lane++)
        {
            if (lanes.GetElement(lane) == 0) continue;
            ulong h = high.GetElement(lane), l = low.GetElement(lane);
            if (l >= threshold) continue;
            var generator = new Xoshiro256();
            Store(lane, ref generator);
            while (l < threshold) h = Math.BigMul(generator.NextUInt64(), s, out l);
            Load(lane, generator);
            high = high.WithElement(lane, h);
        }
        return high;
    }
}
