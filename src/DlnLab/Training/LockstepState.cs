using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// The states of up to eight runs on one design, runs innermost: entry (i, lane) of each array is at i * Lanes + lane,
/// so one octet (<see cref="IOctet{T}"/>, one 512-bit vector where the processor has them) holds coordinate i of the
/// eight runs and every loop vectorises across runs. Lanes never mix: a
/// lane's iterates depend on its own run only. The elementwise update rounds as <see cref="Kernels"/>; the sums follow
/// <see cref="LockstepKernels"/>'s orders.
/// </summary>
internal sealed class LockstepState
{
    /// <summary>Runs a state holds: one vector of lanes.</summary>
    public const int Lanes = 8;

    public int D { get; }
    public int Stride { get; }
    public readonly double[] WPlus, WMinus, PlusScaleSquared, MinusScaleSquared, SumStepGradient;
    /// <summary>
    /// 2 beta = WPlus^2 PlusScaleSquared - WMinus^2 MinusScaleSquared: the update leaves out the product by 1/2, and the
    /// sums take it back exactly (<see cref="LockstepKernels"/>).
    /// </summary>
    public readonly double[] TwiceBeta;
    public readonly int[] PlusExponent, MinusExponent;
    /// <summary>Per lane: the training loss of the last <see cref="Residuals"/>, and the step scale.</summary>
    public readonly double[] Loss, Scale;
    /// <summary>Per lane over the steps so far: the single run's MaxStepGradient, and its count of singular steps.</summary>
    public readonly double[] MaxStepGradient, SingularSteps;

    /// <summary>2 r_j per lane of the last <see cref="Residuals"/>, from 2 y_j and <see cref="TwiceBeta"/>.</summary>
    private readonly double[] _residual;
    private readonly double[] _twiceY;
    // Every PlusScaleSquared and MinusScaleSquared is 1 (no exponent moved yet).
    private bool _unitScales;

    public LockstepState(IReadOnlyList<NetworkState> initial, PaddedDesign design)
    {
        Debug.Assert(initial.Count <= Lanes);
        D = initial[0].D;
        Stride = design.Stride;
        _residual = CacheAligned.Doubles(design.N * Lanes);
        _twiceY = Array.ConvertAll(design.Y, y => 2 * y);
        int size = Stride * Lanes;
        WPlus = CacheAligned.Doubles(size); WMinus = CacheAligned.Doubles(size);
        PlusScaleSquared = CacheAligned.Doubles(size); MinusScaleSquared = CacheAligned.Doubles(size);
        SumStepGradient = CacheAligned.Doubles(size); TwiceBeta = CacheAligned.Doubles(size);
        PlusExponent = new int[size]; MinusExponent = new int[size];
        Loss = CacheAligned.Doubles(Lanes); Scale = CacheAligned.Doubles(Lanes); MaxStepGradient = CacheAligned.Doubles(Lanes); SingularSteps = CacheAligned.Doubles(Lanes);
        Array.Fill(WPlus, 1.0); Array.Fill(WMinus, 1.0); Array.Fill(PlusScaleSquared, 1.0); Array.Fill(MinusScaleSquared, 1.0);
        for (int lane = 0; lane < initial.Count; lane++) Load(initial[lane], lane);
        _unitScales = Array.TrueForAll(PlusScaleSquared, s => s == 1) && Array.TrueForAll(MinusScaleSquared, s => s == 1);
    }

    private void Load(NetworkState s, int lane)
    {
        for (int i = 0; i < Stride; i++)
        {
            int at = i * Lanes + lane;
            WPlus[at] = s.WPlus[i]; WMinus[at] = s.WMinus[i];
            PlusExponent[at] = s.PlusExponent[i]; MinusExponent[at] = s.MinusExponent[i];
            PlusScaleSquared[at] = s.PlusScaleSquared[i]; MinusScaleSquared[at] = s.MinusScaleSquared[i];
            SumStepGradient[at] = s.SumStepGradient[i]; TwiceBeta[at] = 2 * s.Beta[i];
        }
    }

    /// <summary>Copies a lane into <paramref name="target"/> (a state of the same run, for checkpoints and results).</summary>
    public void Store(int lane, NetworkState target)
    {
        for (int i = 0; i < Stride; i++)
        {
            int at = i * Lanes + lane;
            target.WPlus[i] = WPlus[at]; target.WMinus[i] = WMinus[at];
            target.PlusExponent[i] = PlusExponent[at]; target.MinusExponent[i] = MinusExponent[at];
            target.PlusScaleSquared[i] = PlusScaleSquared[at]; target.MinusScaleSquared[i] = MinusScaleSquared[at];
            target.SumStepGradient[i] = SumStepGradient[at]; target.Beta[i] = 0.5 * TwiceBeta[at];
        }
    }

    /// <summary>Moves lane <paramref name="from"/> into lane <paramref name="to"/> (compaction when a run stops).</summary>
    public void Move(int from, int to)
    {
        for (int i = 0; i < Stride; i++)
        {
            int a = i * Lanes + from, b = i * Lanes + to;
            WPlus[b] = WPlus[a]; WMinus[b] = WMinus[a];
            PlusExponent[b] = PlusExponent[a]; MinusExponent[b] = MinusExponent[a];
            PlusScaleSquared[b] = PlusScaleSquared[a]; MinusScaleSquared[b] = MinusScaleSquared[a];
            SumStepGradient[b] = SumStepGradient[a]; TwiceBeta[b] = TwiceBeta[a];
        }
        Scale[to] = Scale[from];
        MaxStepGradient[to] = MaxStepGradient[from];
        SingularSteps[to] = SingularSteps[from];
    }

    /// <summary>The single run's rules on a step's max |t|, for the eight lanes: a singular step at 1 or more; NaN sticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record<T>(T maxAbs) where T : struct, IOctet<T>
    {
        ref double largestAt = ref MemoryMarshal.GetArrayDataReference(MaxStepGradient);
        ref double singularAt = ref MemoryMarshal.GetArrayDataReference(SingularSteps);
        var largest = T.Load(ref largestAt, 0);
        T.ConditionalSelect(T.GreaterThan(maxAbs, largest) | ~T.Equal(maxAbs, maxAbs), maxAbs, largest).Store(ref largestAt, 0);
        var one = T.Create(1.0);
        (T.Load(ref singularAt, 0) + (T.GreaterThanOrEqual(maxAbs, one) & one)).Store(ref singularAt, 0);
    }

    /// <summary>
    /// Full-batch residuals r_j = &lt;x_j, beta&gt; - y_j and losses of the lanes, in the per-lane orders of
    /// <see cref="LockstepKernels"/>.
    /// </summary>
    public void Residuals(PaddedDesign design) => LockstepKernels.Residuals(design, TwiceBeta, _twiceY, _residual, Loss);

    /// <summary><see cref="Residuals(PaddedDesign)"/> at the width of <typeparamref name="T"/>.</summary>
    internal void Residuals<T>(PaddedDesign design) where T : struct, IOctet<T> =>
        LockstepKernels.Residuals<T>(design, TwiceBeta, _twiceY, _residual, Loss);

    /// <summary>
    /// The gradient sums g = sum_j r_j x_j of every lane (in j order from +0), then the
    /// rotated update with t = Scale[lane] * g, coordinate by coordinate; max |t| per lane into MaxStepGradient and SingularSteps. Needs
    /// <see cref="Residuals"/> of the same step. Padded coordinates (x = 0) get t = 0 and keep w+ = w- = 1, beta = 0.
    /// </summary>
    public void Update(PaddedDesign design)
    {
        if (Vector512.IsHardwareAccelerated) Update<Octet512>(design);
        else if (Vector256.IsHardwareAccelerated) Update<Octet256>(design);
        else if (Vector128.IsHardwareAccelerated) Update<Octet128>(design);
        else Update<OctetScalar>(design);
    }

    /// <summary><see cref="Update(PaddedDesign)"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Update<T>(PaddedDesign design) where T : struct, IOctet<T>
    {
        if (_unitScales) Update<T, UnitScales>(design);
        else Update<T, StoredScales>(design);
    }

    /// <summary><see cref="Update(PaddedDesign)"/> with beta by <typeparamref name="TScales"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update<T, TScales>(PaddedDesign design) where T : struct, IOctet<T> where TScales : struct, IScales
    {
        var c = Start();
        // The gradient sums of a block of coordinates stay in registers and go into the update without a store of g (the
        // sums and the updates in the same orders as computing all of g first: g_i in j order from +0, the updates in i
        // order). A block's steps t wait in t0..t7 and are applied one per row during the next block's first rows, so
        // their products and stores fall between that block's sums rather than in a burst after them.
        ref double rx = ref design.XData;
        int n = design.N, stride = design.Stride;
        ref double resq = ref MemoryMarshal.GetArrayDataReference(_residual);
        // The residuals are 2 r, so the sums are 2 g: half the scale gives t = Scale g, the same bits.
        var scale = T.Create(0.5) * T.Load(ref MemoryMarshal.GetArrayDataReference(Scale), 0);
        var maxT = T.Zero;
        var sumT = T.Zero;
        // Blocks of 8 and 6 where an octet is one register; where it takes more, blocks of 4 only (sixteen live octets
        // would not stay in registers). The sums and updates are in the same orders whatever the blocks.
        int i = T.Registers == 1 ? WideBlocks<T, TScales>(ref c, ref rx, ref resq, n, stride, scale, ref maxT, ref sumT) : 0;
        for (; i + 4 <= D; i += 4)
        {
            T g0 = default, g1 = default, g2 = default, g3 = default;
            ref double rj = ref resq;
            ref double x = ref Unsafe.Add(ref rx, i);
            for (int j = 0; j < n; j++, rj = ref Unsafe.Add(ref rj, Lanes), x = ref Unsafe.Add(ref x, stride))
            {
                var r = T.Load(ref rj, 0);
                g0 = T.FusedMultiplyAdd(r, T.Create(x), g0);
                g1 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 1)), g1);
                g2 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 2)), g2);
                g3 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 3)), g3);
            }
            maxT = UpdateCoordinate<T, TScales>(ref c, i, scale * g0, maxT, ref sumT);
            maxT = UpdateCoordinate<T, TScales>(ref c, i + 1, scale * g1, maxT, ref sumT);
            maxT = UpdateCoordinate<T, TScales>(ref c, i + 2, scale * g2, maxT, ref sumT);
            maxT = UpdateCoordinate<T, TScales>(ref c, i + 3, scale * g3, maxT, ref sumT);
        }
        for (; i + 2 <= D; i += 2)
        {
            T g0 = default, g1 = default;
            ref double rj = ref resq;
            ref double x = ref Unsafe.Add(ref rx, i);
            for (int j = 0; j < n; j++, rj = ref Unsafe.Add(ref rj, Lanes), x = ref Unsafe.Add(ref x, stride))
            {
                var r = T.Load(ref rj, 0);
                g0 = T.FusedMultiplyAdd(r, T.Create(x), g0);
                g1 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 1)), g1);
            }
            maxT = UpdateCoordinate<T, TScales>(ref c, i, scale * g0, maxT, ref sumT);
            maxT = UpdateCoordinate<T, TScales>(ref c, i + 1, scale * g1, maxT, ref sumT);
        }
        for (; i < D; i++)
            maxT = UpdateCoordinate<T, TScales>(ref c, i, scale * GradientSum<T>(ref Unsafe.Add(ref rx, i), ref resq, n, stride), maxT, ref sumT);
        var nan = T.Zero;
        // A NaN sum comes from a NaN t or from infinities of both signs (rare, diverging): then look at each t,
        // from the same gradient sums computed again (the residuals are unchanged).
        if (!T.NoNaN(sumT))
            for (int k = 0; k < D; k++)
            {
                var t = scale * GradientSum<T>(ref Unsafe.Add(ref rx, k), ref resq, n, stride);
                nan |= ~T.Equal(t, t);
            }
        Record(WithNaN(maxT, nan));
    }

    /// <summary>
    /// The blocks of 8 coordinates (their updates pipelined into the next block's rows) and one of 6 of
    /// <see cref="Update{T, TScales}"/>, from coordinate 0, every update applied; returns the first coordinate left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WideBlocks<T, TScales>(scoped ref Columns c, ref double rx, ref double resq, int n, int stride, T scale, ref T maxT, ref T sumT)
        where T : struct, IOctet<T> where TScales : struct, IScales
    {
        var max = maxT;
        var sum = sumT;
        int i = 0;
        T t0 = default, t1 = default, t2 = default, t3 = default, t4 = default, t5 = default, t6 = default, t7 = default;
        int pending = 0, pendingAt = 0;
        for (; i + 8 <= D; i += 8)
        {
            T g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default, g6 = default, g7 = default;
            ref double rj = ref resq;
            ref double x = ref Unsafe.Add(ref rx, i);
            int j = 0;
            for (; j < n; j++, rj = ref Unsafe.Add(ref rj, Lanes), x = ref Unsafe.Add(ref x, stride))
            {
                var r = T.Load(ref rj, 0);
                g0 = T.FusedMultiplyAdd(r, T.Create(x), g0);
                g1 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 1)), g1);
                g2 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 2)), g2);
                g3 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 3)), g3);
                g4 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 4)), g4);
                g5 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 5)), g5);
                g6 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 6)), g6);
                g7 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 7)), g7);
                if (j < pending)
                {
                    max = UpdateCoordinate<T, TScales>(ref c, pendingAt + j, t0, max, ref sum);
                    t0 = t1; t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7;
                }
            }
            // Fewer rows than waiting coordinates: the rest now.
            for (; j < pending; j++)
            {
                max = UpdateCoordinate<T, TScales>(ref c, pendingAt + j, t0, max, ref sum);
                t0 = t1; t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7;
            }
            t0 = scale * g0; t1 = scale * g1; t2 = scale * g2; t3 = scale * g3; t4 = scale * g4; t5 = scale * g5; t6 = scale * g6; t7 = scale * g7;
            pending = 8;
            pendingAt = i;
        }
        // Six coordinates in one pass over the residuals (d = 30: 8 + 8 + 8 + 6), not a latency-bound pass of two.
        if (D - i >= 6)
        {
            T g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default;
            ref double rj = ref resq;
            ref double x = ref Unsafe.Add(ref rx, i);
            int j = 0;
            for (; j < n; j++, rj = ref Unsafe.Add(ref rj, Lanes), x = ref Unsafe.Add(ref x, stride))
            {
                var r = T.Load(ref rj, 0);
                g0 = T.FusedMultiplyAdd(r, T.Create(x), g0);
                g1 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 1)), g1);
                g2 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 2)), g2);
                g3 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 3)), g3);
                g4 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 4)), g4);
                g5 = T.FusedMultiplyAdd(r, T.Create(Unsafe.Add(ref x, 5)), g5);
                if (j < pending)
                {
                    max = UpdateCoordinate<T, TScales>(ref c, pendingAt + j, t0, max, ref sum);
                    t0 = t1; t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7;
                }
            }
            // Fewer rows than waiting coordinates: the rest now.
            for (; j < pending; j++)
            {
                max = UpdateCoordinate<T, TScales>(ref c, pendingAt + j, t0, max, ref sum);
                t0 = t1; t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7;
            }
            pending = 0;
            max = UpdateCoordinate<T, TScales>(ref c, i, scale * g0, max, ref sum);
            max = UpdateCoordinate<T, TScales>(ref c, i + 1, scale * g1, max, ref sum);
            max = UpdateCoordinate<T, TScales>(ref c, i + 2, scale * g2, max, ref sum);
            max = UpdateCoordinate<T, TScales>(ref c, i + 3, scale * g3, max, ref sum);
            max = UpdateCoordinate<T, TScales>(ref c, i + 4, scale * g4, max, ref sum);
            max = UpdateCoordinate<T, TScales>(ref c, i + 5, scale * g5, max, ref sum);
            i += 6;
        }
        for (int j = 0; j < pending; j++)
        {
            max = UpdateCoordinate<T, TScales>(ref c, pendingAt + j, t0, max, ref sum);
            t0 = t1; t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7;
        }
        maxT = max;
        sumT = sum;
        return i;
    }

    /// <summary>g_i of eight lanes from column <paramref name="x"/> of X: FMA from +0 over j in order, as every tile sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T GradientSum<T>(ref double x, ref double residual, int n, int stride) where T : struct, IOctet<T>
    {
        var g = T.Zero;
        for (int j = 0; j < n; j++)
            g = T.FusedMultiplyAdd(T.Load(ref residual, (nuint)j * Lanes), T.Create(Unsafe.Add(ref x, j * stride)), g);
        return g;
    }

    /// <summary>How <see cref="Update{TScales}"/> forms 2 beta from the updated w+ and w-.</summary>
    private interface IScales
    {
        static abstract T TwiceBeta<T>(scoped ref Columns c, nuint at, T wp, T wm) where T : struct, IOctet<T>;
    }

    /// <summary><see cref="Kernels.TwiceBeta"/> with the stored PlusScaleSquared and MinusScaleSquared.</summary>
    private readonly struct StoredScales : IScales
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T TwiceBeta<T>(scoped ref Columns c, nuint at, T wp, T wm) where T : struct, IOctet<T> =>
            Kernels.TwiceBeta<T>(wp, wm, T.Load(ref c.PlusScale, at), T.Load(ref c.MinusScale, at));
    }

    /// <summary>
    /// <see cref="Kernels.TwiceBeta"/> where both scales are 1: the same bits (a product by 1 is exact) without the two
    /// loads and two products.
    /// </summary>
    private readonly struct UnitScales : IScales
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T TwiceBeta<T>(scoped ref Columns c, nuint at, T wp, T wm) where T : struct, IOctet<T> =>
            wp * wp - wm * wm;
    }

    /// <summary>The state arrays' starts, taken once per step rather than once per coordinate.</summary>
    private ref struct Columns
    {
        public ref double WPlus;
        public ref double WMinus;
        public ref double Sum;
        public ref double PlusScale;
        public ref double MinusScale;
        public ref double TwiceBeta;
    }

    private Columns Start() => new()
    {
        WPlus = ref MemoryMarshal.GetArrayDataReference(WPlus),
        WMinus = ref MemoryMarshal.GetArrayDataReference(WMinus),
        Sum = ref MemoryMarshal.GetArrayDataReference(SumStepGradient),
        PlusScale = ref MemoryMarshal.GetArrayDataReference(PlusScaleSquared),
        MinusScale = ref MemoryMarshal.GetArrayDataReference(MinusScaleSquared),
        TwiceBeta = ref MemoryMarshal.GetArrayDataReference(TwiceBeta),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T UpdateCoordinate<T, TScales>(scoped ref Columns c, int i, T t, T maxT, ref T sumT)
        where T : struct, IOctet<T> where TScales : struct, IScales
    {
        nuint at = (nuint)i * Lanes;
        var wp = T.Load(ref c.WPlus, at) * (T.Create(1.0) - t);
        var wm = T.Load(ref c.WMinus, at) * (T.Create(1.0) + t);
        wp.Store(ref c.WPlus, at);
        wm.Store(ref c.WMinus, at);
        (T.Load(ref c.Sum, at) + t).Store(ref c.Sum, at);
        TScales.TwiceBeta<T>(ref c, at, wp, wm).Store(ref c.TwiceBeta, at);
        // vmaxpd (one op on the chain, where Max's NaN handling takes three); a NaN t shows in the sum of t.
        sumT += t;
        return T.MaxNative(maxT, T.Abs(t));
    }

    /// <summary>max |t| per lane, NaN where some t was NaN (as <see cref="Kernels.Update"/> reports it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T WithNaN<T>(T maxT, T nan) where T : struct, IOctet<T> =>
        T.ConditionalSelect(nan, T.Create(double.NaN), maxT);

    /// <summary><see cref="NetworkState.Renormalize()"/> for every lane: the same rule, coordinate by coordinate.</summary>
    public void Renormalize()
    {
        for (int i = 0; i < D; i++)
        {
            int at = i * Lanes;
            if (NetworkState.InRange(WPlus, at) && NetworkState.InRange(WMinus, at)) continue;
            for (int lane = at; lane < at + Lanes; lane++)
            {
                NetworkState.Renormalize(ref WPlus[lane], ref PlusExponent[lane], ref PlusScaleSquared[lane]);
                NetworkState.Renormalize(ref WMinus[lane], ref MinusExponent[lane], ref MinusScaleSquared[lane]);
                if (PlusScaleSquared[lane] != 1 || MinusScaleSquared[lane] != 1) _unitScales = false;
            }
        }
    }
}
