using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The states of many runs on one design, runs innermost: entry (i, lane) of each array is at i * Lanes + lane, so one
/// 512-bit vector holds coordinate i of eight runs and every loop vectorises across runs. Each lane rounds exactly as
/// <see cref="NetworkState"/> with <see cref="Kernels"/> would, so a lane's iterates equal its single run's bit for bit.
/// </summary>
internal sealed class LockstepState
{
    public const int Block = 8;

    public int D { get; }
    public int Stride { get; }
    /// <summary>Lane count, a multiple of <see cref="Block"/>.</summary>
    public int Lanes { get; }
    public readonly double[] WPlus, WMinus, PlusScaleSquared, MinusScaleSquared, SumStepGradient, Beta;
    public readonly int[] PlusExponent, MinusExponent;
    /// <summary>Per lane: the training loss of the last <see cref="Residuals"/>, the step scale, the last max |t|.</summary>
    public readonly double[] Loss, Scale, MaxAbsStep;

    private readonly double[] _residual;

    public LockstepState(IReadOnlyList<NetworkState> initial, int stride, int n)
    {
        _residual = new double[n * ((initial.Count + Block - 1) / Block * Block)];
        D = initial[0].D;
        Stride = stride;
        Lanes = (initial.Count + Block - 1) / Block * Block;
        int size = stride * Lanes;
        WPlus = new double[size]; WMinus = new double[size];
        PlusScaleSquared = new double[size]; MinusScaleSquared = new double[size];
        SumStepGradient = new double[size]; Beta = new double[size];
        PlusExponent = new int[size]; MinusExponent = new int[size];
        Loss = new double[Lanes]; Scale = new double[Lanes]; MaxAbsStep = new double[Lanes];
        Array.Fill(WPlus, 1.0); Array.Fill(WMinus, 1.0); Array.Fill(PlusScaleSquared, 1.0); Array.Fill(MinusScaleSquared, 1.0);
        for (int lane = 0; lane < initial.Count; lane++) Load(initial[lane], lane);
    }

    private void Load(NetworkState s, int lane)
    {
        for (int i = 0; i < Stride; i++)
        {
            int at = i * Lanes + lane;
            WPlus[at] = s.WPlus[i]; WMinus[at] = s.WMinus[i];
            PlusExponent[at] = s.PlusExponent[i]; MinusExponent[at] = s.MinusExponent[i];
            PlusScaleSquared[at] = s.PlusScaleSquared[i]; MinusScaleSquared[at] = s.MinusScaleSquared[i];
            SumStepGradient[at] = s.SumStepGradient[i]; Beta[at] = s.Beta[i];
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
            target.SumStepGradient[i] = SumStepGradient[at]; target.Beta[i] = Beta[at];
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
            SumStepGradient[b] = SumStepGradient[a]; Beta[b] = Beta[a];
        }
    }

    /// <summary>
    /// Full-batch residuals r_j = &lt;x_j, beta&gt; - y_j and losses of the first <paramref name="active"/> lanes: two rows
    /// at a time, each with eight accumulators (one per lane of <see cref="Kernels.Dot"/>'s short order) holding eight
    /// runs. Coordinates past d are skipped: in the single-run kernels they add exact zeros.
    /// </summary>
    public void Residuals(PaddedDesign design, int active)
    {
        Debug.Assert(Stride <= Kernels.ShortLength);
        ref double rx = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double ry = ref MemoryMarshal.GetArrayDataReference(design.Y);
        ref double rbeta = ref MemoryMarshal.GetArrayDataReference(Beta);
        ref double rr = ref MemoryMarshal.GetArrayDataReference(_residual);
        nuint lanes = (nuint)Lanes;
        int n = design.N, d = D, stride = design.Stride;
        for (int q = 0; q < active; q += Block)
        {
            ref double bq = ref Unsafe.Add(ref rbeta, q);
            ref double resq = ref Unsafe.Add(ref rr, q);
            var squares = Vector512<double>.Zero;
            int j = 0;
            for (; j + 2 <= n; j += 2)
            {
                ref double row0 = ref Unsafe.Add(ref rx, j * stride);
                ref double row1 = ref Unsafe.Add(ref rx, (j + 1) * stride);
                Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
                for (int i = 0; i < d; i += 8)
                {
                    // Past d (within the padded row) x = beta = 0: those FMAs add +0, which changes no accumulator (none is ever -0).
                    Two(ref row0, ref row1, ref bq, i, lanes, ref a0, ref c0); Two(ref row0, ref row1, ref bq, i + 1, lanes, ref a1, ref c1);
                    Two(ref row0, ref row1, ref bq, i + 2, lanes, ref a2, ref c2); Two(ref row0, ref row1, ref bq, i + 3, lanes, ref a3, ref c3);
                    Two(ref row0, ref row1, ref bq, i + 4, lanes, ref a4, ref c4); Two(ref row0, ref row1, ref bq, i + 5, lanes, ref a5, ref c5);
                    Two(ref row0, ref row1, ref bq, i + 6, lanes, ref a6, ref c6); Two(ref row0, ref row1, ref bq, i + 7, lanes, ref a7, ref c7);
                }
                var r0 = ((a0 + a4) + (a1 + a5)) + ((a2 + a6) + (a3 + a7)) - Vector512.Create(Unsafe.Add(ref ry, j));
                var r1 = ((c0 + c4) + (c1 + c5)) + ((c2 + c6) + (c3 + c7)) - Vector512.Create(Unsafe.Add(ref ry, j + 1));
                squares += r0 * r0;
                squares += r1 * r1;
                r0.StoreUnsafe(ref resq, (nuint)j * lanes);
                r1.StoreUnsafe(ref resq, (nuint)(j + 1) * lanes);
            }
            if (j < n)
            {
                ref double row = ref Unsafe.Add(ref rx, j * stride);
                Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int i = 0; i < d; i += 8)
                {
                    a0 = Fma(ref row, ref bq, i, lanes, a0); a1 = Fma(ref row, ref bq, i + 1, lanes, a1);
                    a2 = Fma(ref row, ref bq, i + 2, lanes, a2); a3 = Fma(ref row, ref bq, i + 3, lanes, a3);
                    a4 = Fma(ref row, ref bq, i + 4, lanes, a4); a5 = Fma(ref row, ref bq, i + 5, lanes, a5);
                    a6 = Fma(ref row, ref bq, i + 6, lanes, a6); a7 = Fma(ref row, ref bq, i + 7, lanes, a7);
                }
                var r = ((a0 + a4) + (a1 + a5)) + ((a2 + a6) + (a3 + a7)) - Vector512.Create(Unsafe.Add(ref ry, j));
                squares += r * r;
                r.StoreUnsafe(ref resq, (nuint)j * lanes);
            }
            (squares / Vector512.Create(2.0 * n)).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(Loss), (nuint)q);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Two(ref double row0, ref double row1, ref double beta, int i, nuint lanes, ref Vector512<double> a, ref Vector512<double> c)
    {
        var b = Vector512.LoadUnsafe(ref beta, (nuint)i * lanes);
        a = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row0, i)), b, a);
        c = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row1, i)), b, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma(ref double row, ref double beta, int i, nuint lanes, Vector512<double> a) =>
        Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, i)), Vector512.LoadUnsafe(ref beta, (nuint)i * lanes), a);

    /// <summary>
    /// g = sum_j r_j x_j (rows in order, by FMA from +0, as the single-run kernels) for eight coordinates at a time
    /// kept in registers, then at once the rotated update of those coordinates with t = Scale[lane] * g; max |t| per
    /// lane into MaxAbsStep. Needs <see cref="Residuals"/> of the same step.
    /// </summary>
    public void Update(PaddedDesign design, int active)
    {
        ref double rx = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double rr = ref MemoryMarshal.GetArrayDataReference(_residual);
        nuint lanes = (nuint)Lanes;
        int n = design.N, stride = design.Stride;
        for (int q = 0; q < active; q += Block)
        {
            ref double resq = ref Unsafe.Add(ref rr, q);
            var scale = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Scale), (nuint)q);
            var maxT = Vector512<double>.Zero;
            for (int i = 0; i < D; i += 8)
            {
                Vector512<double> g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default, g6 = default, g7 = default;
                for (int j = 0; j < n; j++)
                {
                    var r = Vector512.LoadUnsafe(ref resq, (nuint)j * lanes);
                    ref double x = ref Unsafe.Add(ref rx, j * stride + i);
                    g0 = Vector512.FusedMultiplyAdd(r, Vector512.Create(x), g0);
                    g1 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 1)), g1);
                    g2 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 2)), g2);
                    g3 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 3)), g3);
                    g4 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 4)), g4);
                    g5 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 5)), g5);
                    g6 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 6)), g6);
                    g7 = Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref x, 7)), g7);
                }
                // Padded coordinates (x = 0) get t = 0 and keep w+ = w- = 1, beta = 0, as in the single run.
                maxT = UpdateCoordinate(i, q, scale * g0, maxT); maxT = UpdateCoordinate(i + 1, q, scale * g1, maxT);
                maxT = UpdateCoordinate(i + 2, q, scale * g2, maxT); maxT = UpdateCoordinate(i + 3, q, scale * g3, maxT);
                maxT = UpdateCoordinate(i + 4, q, scale * g4, maxT); maxT = UpdateCoordinate(i + 5, q, scale * g5, maxT);
                maxT = UpdateCoordinate(i + 6, q, scale * g6, maxT); maxT = UpdateCoordinate(i + 7, q, scale * g7, maxT);
            }
            maxT.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(MaxAbsStep), (nuint)q);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<double> UpdateCoordinate(int i, int q, Vector512<double> t, Vector512<double> maxT)
    {
        nuint at = (nuint)i * (nuint)Lanes + (nuint)q;
        ref double rp = ref MemoryMarshal.GetArrayDataReference(WPlus);
        ref double rm = ref MemoryMarshal.GetArrayDataReference(WMinus);
        ref double rs = ref MemoryMarshal.GetArrayDataReference(SumStepGradient);
        var wp = Vector512.LoadUnsafe(ref rp, at) * (Vector512<double>.One - t);
        var wm = Vector512.LoadUnsafe(ref rm, at) * (Vector512<double>.One + t);
        wp.StoreUnsafe(ref rp, at);
        wm.StoreUnsafe(ref rm, at);
        (Vector512.LoadUnsafe(ref rs, at) + t).StoreUnsafe(ref rs, at);
        Kernels.Beta(wp, wm, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(PlusScaleSquared), at),
            Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(MinusScaleSquared), at))
            .StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(Beta), at);
        return Vector512.Max(maxT, Vector512.Abs(t));
    }

    /// <summary><see cref="NetworkState.Renormalize()"/> for every active lane: the same rule, coordinate by coordinate.</summary>
    public void Renormalize(int active)
    {
        for (int i = 0; i < D; i++)
            for (int q = 0; q < active; q += Block)
            {
                int at = i * Lanes + q;
                if (NetworkState.InRange(WPlus, at) && NetworkState.InRange(WMinus, at)) continue;
                for (int lane = at; lane < at + Block; lane++)
                {
                    NetworkState.Renormalize(ref WPlus[lane], ref PlusExponent[lane], ref PlusScaleSquared[lane]);
                    NetworkState.Renormalize(ref WMinus[lane], ref MinusExponent[lane], ref MinusScaleSquared[lane]);
                }
            }
    }
}
