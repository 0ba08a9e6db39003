using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The states of many runs on one design, runs innermost: entry (i, lane) of each array is at i * Lanes + lane, so one
/// 512-bit vector holds coordinate i of eight runs and every loop vectorises across runs. Lanes never mix: a lane's iterates depend on its own run only. The elementwise
/// update rounds as <see cref="Kernels"/>; the sums follow <see cref="LockstepKernels"/>'s orders.
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
    /// Full-batch residuals r_j = &lt;x_j, beta&gt; - y_j and losses of the first <paramref name="active"/> lanes, in the
    /// per-lane orders of <see cref="LockstepKernels"/>.
    /// </summary>
    public void Residuals(PaddedDesign design, int active)
    {
        LockstepKernels.Residuals(design, Beta, _residual, Lanes, active);
        LockstepKernels.Losses(_residual, design.N, Loss, Lanes, active);
    }

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
        int q = 0;
        for (; q + Block < active; q += 2 * Block) UpdatePair(design, q);
        for (; q < active; q += Block)
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

    /// <summary><see cref="Update"/> for lanes [q, q + 16): each x_ji loaded once for two vectors of runs.</summary>
    private void UpdatePair(PaddedDesign design, int q)
    {
        ref double rx = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double resq = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_residual), q);
        nuint lanes = (nuint)Lanes;
        int n = design.N, stride = design.Stride;
        ref double rs = ref MemoryMarshal.GetArrayDataReference(Scale);
        var scale0 = Vector512.LoadUnsafe(ref rs, (nuint)q);
        var scale1 = Vector512.LoadUnsafe(ref rs, (nuint)q + Block);
        var max0 = Vector512<double>.Zero;
        var max1 = Vector512<double>.Zero;
        for (int i = 0; i < D; i += 8)
        {
            Vector512<double> g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default, g6 = default, g7 = default;
            Vector512<double> h0 = default, h1 = default, h2 = default, h3 = default, h4 = default, h5 = default, h6 = default, h7 = default;
            for (int j = 0; j < n; j++)
            {
                var r = Vector512.LoadUnsafe(ref resq, (nuint)j * lanes);
                var s = Vector512.LoadUnsafe(ref resq, (nuint)j * lanes + Block);
                ref double x = ref Unsafe.Add(ref rx, j * stride + i);
                var v = Vector512.Create(x);
                g0 = Vector512.FusedMultiplyAdd(r, v, g0); h0 = Vector512.FusedMultiplyAdd(s, v, h0);
                v = Vector512.Create(Unsafe.Add(ref x, 1));
                g1 = Vector512.FusedMultiplyAdd(r, v, g1); h1 = Vector512.FusedMultiplyAdd(s, v, h1);
                v = Vector512.Create(Unsafe.Add(ref x, 2));
                g2 = Vector512.FusedMultiplyAdd(r, v, g2); h2 = Vector512.FusedMultiplyAdd(s, v, h2);
                v = Vector512.Create(Unsafe.Add(ref x, 3));
                g3 = Vector512.FusedMultiplyAdd(r, v, g3); h3 = Vector512.FusedMultiplyAdd(s, v, h3);
                v = Vector512.Create(Unsafe.Add(ref x, 4));
                g4 = Vector512.FusedMultiplyAdd(r, v, g4); h4 = Vector512.FusedMultiplyAdd(s, v, h4);
                v = Vector512.Create(Unsafe.Add(ref x, 5));
                g5 = Vector512.FusedMultiplyAdd(r, v, g5); h5 = Vector512.FusedMultiplyAdd(s, v, h5);
                v = Vector512.Create(Unsafe.Add(ref x, 6));
                g6 = Vector512.FusedMultiplyAdd(r, v, g6); h6 = Vector512.FusedMultiplyAdd(s, v, h6);
                v = Vector512.Create(Unsafe.Add(ref x, 7));
                g7 = Vector512.FusedMultiplyAdd(r, v, g7); h7 = Vector512.FusedMultiplyAdd(s, v, h7);
            }
            max0 = UpdateCoordinate(i, q, scale0 * g0, max0); max0 = UpdateCoordinate(i + 1, q, scale0 * g1, max0);
            max0 = UpdateCoordinate(i + 2, q, scale0 * g2, max0); max0 = UpdateCoordinate(i + 3, q, scale0 * g3, max0);
            max0 = UpdateCoordinate(i + 4, q, scale0 * g4, max0); max0 = UpdateCoordinate(i + 5, q, scale0 * g5, max0);
            max0 = UpdateCoordinate(i + 6, q, scale0 * g6, max0); max0 = UpdateCoordinate(i + 7, q, scale0 * g7, max0);
            int p = q + Block;
            max1 = UpdateCoordinate(i, p, scale1 * h0, max1); max1 = UpdateCoordinate(i + 1, p, scale1 * h1, max1);
            max1 = UpdateCoordinate(i + 2, p, scale1 * h2, max1); max1 = UpdateCoordinate(i + 3, p, scale1 * h3, max1);
            max1 = UpdateCoordinate(i + 4, p, scale1 * h4, max1); max1 = UpdateCoordinate(i + 5, p, scale1 * h5, max1);
            max1 = UpdateCoordinate(i + 6, p, scale1 * h6, max1); max1 = UpdateCoordinate(i + 7, p, scale1 * h7, max1);
        }
        ref double rm = ref MemoryMarshal.GetArrayDataReference(MaxAbsStep);
        max0.StoreUnsafe(ref rm, (nuint)q);
        max1.StoreUnsafe(ref rm, (nuint)q + Block);
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
