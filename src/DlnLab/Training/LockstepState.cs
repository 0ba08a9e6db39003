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
    public readonly double[] WPlus, WMinus, PlusScaleSquared, MinusScaleSquared, SumStepGradient, Beta, Gradient;
    public readonly int[] PlusExponent, MinusExponent;
    /// <summary>Per lane: the training loss of the last <see cref="GradientSums"/>, the step scale, the last max |t|.</summary>
    public readonly double[] Loss, Scale, MaxAbsStep;

    public LockstepState(IReadOnlyList<NetworkState> initial, int stride)
    {
        D = initial[0].D;
        Stride = stride;
        Lanes = (initial.Count + Block - 1) / Block * Block;
        int size = stride * Lanes;
        WPlus = new double[size]; WMinus = new double[size];
        PlusScaleSquared = new double[size]; MinusScaleSquared = new double[size];
        SumStepGradient = new double[size]; Beta = new double[size]; Gradient = new double[size];
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
    /// Full-batch gradient sums and losses of the first <paramref name="active"/> lanes: per row the residuals of eight
    /// runs at once (eight accumulators, one per lane of <see cref="Kernels.Dot"/>'s short order), then the row's
    /// axpy into the gradient. Coordinates past d are skipped: they add exact zeros in the single-run kernels.
    /// </summary>
    public void GradientSums(PaddedDesign design, int active)
    {
        Debug.Assert(Stride <= Kernels.ShortLength);
        ref double rx = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double rbeta = ref MemoryMarshal.GetArrayDataReference(Beta);
        ref double rg = ref MemoryMarshal.GetArrayDataReference(Gradient);
        nuint lanes = (nuint)Lanes;
        int n = design.N, d = D;
        for (int q = 0; q < active; q += Block)
        {
            ref double bq = ref Unsafe.Add(ref rbeta, q);
            ref double gq = ref Unsafe.Add(ref rg, q);
            for (int i = 0; i < d; i++) Vector512<double>.Zero.StoreUnsafe(ref gq, (nuint)i * lanes);
            var squares = Vector512<double>.Zero;
            for (int j = 0; j < n; j++)
            {
                ref double row = ref Unsafe.Add(ref rx, j * design.Stride);
                Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                int i = 0;
                for (; i + 8 <= d; i += 8)
                {
                    a0 = Fma(ref row, ref bq, i, lanes, a0); a1 = Fma(ref row, ref bq, i + 1, lanes, a1);
                    a2 = Fma(ref row, ref bq, i + 2, lanes, a2); a3 = Fma(ref row, ref bq, i + 3, lanes, a3);
                    a4 = Fma(ref row, ref bq, i + 4, lanes, a4); a5 = Fma(ref row, ref bq, i + 5, lanes, a5);
                    a6 = Fma(ref row, ref bq, i + 6, lanes, a6); a7 = Fma(ref row, ref bq, i + 7, lanes, a7);
                }
                if (i < d) a0 = Fma(ref row, ref bq, i, lanes, a0);
                if (i + 1 < d) a1 = Fma(ref row, ref bq, i + 1, lanes, a1);
                if (i + 2 < d) a2 = Fma(ref row, ref bq, i + 2, lanes, a2);
                if (i + 3 < d) a3 = Fma(ref row, ref bq, i + 3, lanes, a3);
                if (i + 4 < d) a4 = Fma(ref row, ref bq, i + 4, lanes, a4);
                if (i + 5 < d) a5 = Fma(ref row, ref bq, i + 5, lanes, a5);
                if (i + 6 < d) a6 = Fma(ref row, ref bq, i + 6, lanes, a6);
                var r = ((a0 + a4) + (a1 + a5)) + ((a2 + a6) + (a3 + a7)) - Vector512.Create(design.Y[j]);
                squares += r * r;
                for (int k = 0; k < d; k++)
                {
                    nuint at = (nuint)k * lanes;
                    Vector512.FusedMultiplyAdd(r, Vector512.Create(Unsafe.Add(ref row, k)), Vector512.LoadUnsafe(ref gq, at)).StoreUnsafe(ref gq, at);
                }
            }
            (squares / Vector512.Create(2.0 * n)).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(Loss), (nuint)q);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma(ref double row, ref double beta, int i, nuint lanes, Vector512<double> a) =>
        Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, i)), Vector512.LoadUnsafe(ref beta, (nuint)i * lanes), a);

    /// <summary>The rotated update of each active lane with t = Scale[lane] * gradient; max |t| per lane into MaxAbsStep.</summary>
    public void Update(int active)
    {
        nuint lanes = (nuint)Lanes;
        for (int q = 0; q < active; q += Block)
        {
            var scale = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Scale), (nuint)q);
            var maxT = Vector512<double>.Zero;
            for (int i = 0; i < D; i++)
            {
                nuint at = (nuint)i * lanes + (nuint)q;
                var t = scale * Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Gradient), at);
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
                maxT = Vector512.Max(maxT, Vector512.Abs(t));
            }
            maxT.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(MaxAbsStep), (nuint)q);
        }
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
