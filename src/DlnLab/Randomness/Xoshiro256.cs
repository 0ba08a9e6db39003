namespace DlnLab.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018): the project's only random number generator. Its output is a fixed function
/// of the seed on every platform and .NET version, which System.Random does not promise.
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>
    /// Seeds the four words of state from <paramref name="seed"/> by SplitMix64, as the authors recommend (a bijection,
    /// so the four words are distinct and never all zero).
    /// </summary>
    public Xoshiro256(ulong seed)
        : this(SplitMix64.Mix(seed), SplitMix64.Mix(seed + 1), SplitMix64.Mix(seed + 2), SplitMix64.Mix(seed + 3))
    {
    }

    /// <summary>A generator in the given state (not all zero), for checking against the reference implementation.</summary>
    internal Xoshiro256(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("the state of xoshiro256** must not be all zero");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The four words of state, for generators stepped across vector lanes (<see cref="Xoshiro256Lanes"/>).</summary>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State
    {
        readonly get => (_s0, _s1, _s2, _s3);
        set => (_s0, _s1, _s2, _s3) = value;
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire 2019).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int bound)
    {
        ulong s = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), s, out ulong low);
        if (low < s)
        {
            ulong threshold = (0UL - s) % s;
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), s, out low);
        }
        return (int)high;
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; pairs are cached).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, r2;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            r2 = u * u + v * v;
        } while (r2 >= 1 || r2 == 0);
        double f = Math.Sqrt(-2 * Math.Log(r2) / r2);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }
}
