using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// The diagonal network in rotated coordinates (MATH.md): w+ = (u + v)/sqrt(2), w- = (u - v)/sqrt(2), beta = u ⊙ v =
/// (w+^2 - w-^2)/2, and S = sum_{j&lt;k} gamma_j g_j. Each of w+, w- is stored as a value times an exact power of two,
/// w+_i = WPlus[i] * 2^PlusExponent[i], so gains of hundreds (factors far below the double range) lose nothing.
/// Arrays have the padded length <see cref="PaddedDesign.Stride"/>; entries past d are inert.
/// </summary>
internal sealed class NetworkState
{
    // Stored values are brought back near 1 when they leave [2^-RangeExponent, 2^RangeExponent].
    private const int RangeExponent = 128;

    public int D { get; }
    public double[] WPlus { get; }
    public double[] WMinus { get; }
    public int[] PlusExponent { get; }
    public int[] MinusExponent { get; }
    /// <summary>4^PlusExponent: beta = (WPlus^2 PlusScaleSquared - WMinus^2 MinusScaleSquared)/2.</summary>
    public double[] PlusScaleSquared { get; }
    public double[] MinusScaleSquared { get; }
    /// <summary>S_k = sum_{j&lt;k} gamma_j g_j.</summary>
    public double[] SumStepGradient { get; }
    public double[] Beta { get; }
    /// <summary>
    /// ln A_0 = ln|w+0 w-0| of the initialisation (length d): ln(alpha^2) for the report's start, ln(|u0^2 - v0^2|/2) in
    /// general, -infinity on a coordinate with u0^2 = v0^2.
    /// </summary>
    public double[] LnAlphaSquared { get; }

    /// <summary>The initialisation u0 = sqrt(2) alpha, v0 = 0, i.e. w+ = w- = alpha, beta = 0.</summary>
    public NetworkState(ReadOnlySpan<double> alpha, int stride) : this(alpha, stride, CacheAligned.Doubles)
    {
    }

    /// <summary>
    /// The initialisation in arrays from <paramref name="allocate"/>: the kernels step states in cache-aligned arrays; a
    /// state that only holds a copy (a lockstep lane's checkpoints and result) needs no pinned allocation.
    /// </summary>
    internal NetworkState(ReadOnlySpan<double> alpha, int stride, Func<int, double[]> allocate)
        : this(alpha, alpha, Theory.Hyperentropy.LnSquares(alpha), stride, allocate)
    {
    }

    /// <summary>
    /// Any start of the uv model in rotated form: w±0 (length d, finite), ln A_0 = ln|w+0 w-0|, beta0 = (w+0^2 - w-0^2)/2
    /// as the kernels round it; arrays from <paramref name="allocate"/>.
    /// </summary>
    internal NetworkState(ReadOnlySpan<double> wPlus0, ReadOnlySpan<double> wMinus0, double[] lnA0, int stride, Func<int, double[]> allocate)
    {
        D = wPlus0.Length;
        WPlus = Filled(allocate(stride), 1);
        WMinus = Filled(allocate(stride), 1);
        PlusExponent = new int[stride];
        MinusExponent = new int[stride];
        PlusScaleSquared = Filled(allocate(stride), 1);
        MinusScaleSquared = Filled(allocate(stride), 1);
        SumStepGradient = allocate(stride);
        Beta = allocate(stride);
        wPlus0.CopyTo(WPlus);
        wMinus0.CopyTo(WMinus);
        LnAlphaSquared = lnA0;
        Renormalize();
        for (int i = 0; i < D; i++)
            Beta[i] = 0.5 * (WPlus[i] * WPlus[i] * PlusScaleSquared[i] - WMinus[i] * WMinus[i] * MinusScaleSquared[i]);
    }

    private static double[] Filled(double[] a, double value)
    {
        Array.Fill(a, value);
        return a;
    }

    /// <summary>beta_k, length d.</summary>
    public double[] BetaVector() => Beta.AsSpan(0, D).ToArray();

    /// <summary>ln|w+_i|, exact in the log domain (-infinity if a factor 1 - gamma g vanished).</summary>
    public double LnAbsWPlus(int i) => Math.Log(Math.Abs(WPlus[i])) + PlusExponent[i] * Math.Log(2);

    /// <summary>ln|w-_i|.</summary>
    public double LnAbsWMinus(int i) => Math.Log(Math.Abs(WMinus[i])) + MinusExponent[i] * Math.Log(2);

    /// <summary>u = (w+ + w-)/sqrt(2), in linear scale (tiny components may underflow to 0).</summary>
    public double[] U() => Combine(+1);

    /// <summary>v = (w+ - w-)/sqrt(2), in linear scale.</summary>
    public double[] V() => Combine(-1);

    private double[] Combine(int sign)
    {
        var r = new double[D];
        for (int i = 0; i < D; i++)
            r[i] = (Math.ScaleB(WPlus[i], PlusExponent[i]) + sign * Math.ScaleB(WMinus[i], MinusExponent[i])) / Math.Sqrt(2);
        return r;
    }

    /// <summary>The implicit-bias quantities of Theorem 2.2 at the current step.</summary>
    public Theory.EffectiveInitialization EffectiveInitialization()
    {
        var lp = new double[D];
        var lm = new double[D];
        for (int i = 0; i < D; i++)
        {
            lp[i] = LnAbsWPlus(i);
            lm[i] = LnAbsWMinus(i);
        }
        return Theory.EffectiveInitialization.FromRotatedState(lp, lm, SumStepGradient.AsSpan(0, D), LnAlphaSquared);
    }

    /// <summary>||Gain||_1 at the current step, O(d) logarithms: for checkpoints only. A coordinate with A_0 = 0 adds 0.</summary>
    public double GainL1()
    {
        double sum = 0;
        for (int i = 0; i < D; i++)
            if (LnAlphaSquared[i] != double.NegativeInfinity) sum += Math.Abs(LnAlphaSquared[i] - LnAbsWPlus(i) - LnAbsWMinus(i));
        return sum;
    }

    /// <summary>
    /// Moves powers of two between the stored values and their exponents so stored values stay near 1. Exact
    /// (a scaling by a power of two rounds nothing); called every few steps, never per coordinate per step.
    /// </summary>
    public void Renormalize()
    {
        for (int c = 0; c < D; c += 8)
        {
            if (InRange(WPlus, c) && InRange(WMinus, c)) continue;
            for (int i = c; i < Math.Min(c + 8, D); i++)
            {
                Renormalize(ref WPlus[i], ref PlusExponent[i], ref PlusScaleSquared[i]);
                Renormalize(ref WMinus[i], ref MinusExponent[i], ref MinusScaleSquared[i]);
            }
        }
    }

    // 2^-127 <= |w| < 2^128 for all eight: exactly the values the scalar rule leaves alone (ILogB in (-128, 128)).
    internal static bool InRange(double[] w, int c) =>
        Vector512.IsHardwareAccelerated ? InRange<Octet512>(w, c)
        : Vector256.IsHardwareAccelerated ? InRange<Octet256>(w, c)
        : Vector128.IsHardwareAccelerated ? InRange<Octet128>(w, c) : InRange<OctetScalar>(w, c);

    /// <summary><see cref="InRange(double[], int)"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool InRange<T>(double[] w, int c) where T : struct, IOctet<T>
    {
        var a = T.Abs(T.Load(ref w[c], 0));
        return T.ExtractMostSignificantBits(T.GreaterThanOrEqual(a, T.Create(LowestInRange)) & T.LessThan(a, T.Create(BeyondRange))) == 0xFF;
    }

    internal static readonly double LowestInRange = Math.ScaleB(1.0, 1 - RangeExponent);
    internal static readonly double BeyondRange = Math.ScaleB(1.0, RangeExponent);

    /// <summary>The scalar rule for one stored value; <see cref="Renormalize()"/> skips blocks of eight it would not change.</summary>
    internal static void Renormalize(ref double w, ref int exponent, ref double scaleSquared)
    {
        double a = Math.Abs(w);
        if (a == 0 || !double.IsFinite(a)) return;
        int e = Math.ILogB(a);
        if (e > -RangeExponent && e < RangeExponent) return;
        w = Math.ScaleB(w, -e);
        exponent += e;
        scaleSquared = Math.ScaleB(1.0, 2 * Math.Clamp(exponent, -1100, 1100));
    }
}
