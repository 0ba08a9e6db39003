using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The hot loops of (S)GD in rotated form: allocation-free, O(b d) per step, no transcendental function. All spans
/// have the padded length (a multiple of <see cref="PaddedDesign.Lanes"/>), so the vector loops have no tail.
/// </summary>
/// <remarks>
/// Every dot product is summed in one fixed order (<see cref="Dot"/>), whichever kernel computes it, so the fused and
/// register-blocked paths give bit-identical iterates; elementwise updates round the same everywhere. The lockstep
/// trainer sums in its own order (<see cref="LockstepKernels"/>) and agrees with these to rounding.
/// </remarks>
public static class Kernels
{
    /// <summary>Up to this padded length a dot product uses one 8-lane accumulator; above it, four (32 lanes).</summary>
    public const int ShortLength = 64;

    /// <summary>
    /// &lt;a, b&gt; in the canonical order: chunk c (8 doubles, c = 0, 1, ...) is added by FMA to accumulator c mod A
    /// (A = 1 up to <see cref="ShortLength"/>, else 4; lane l of an accumulator sums its coordinates = l mod 8 in
    /// increasing order from +0); then accumulators combine as (a0 + a1) + (a2 + a3) and lanes as in <see cref="SumLanes"/>.
    /// </summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        var s0 = Vector512<double>.Zero;
        if (n <= ShortLength)
        {
            for (nuint i = 0; i < n; i += 8)
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, i), Vector512.LoadUnsafe(ref rb, i), s0);
            return SumLanes(s0);
        }
        var s1 = Vector512<double>.Zero;
        var s2 = Vector512<double>.Zero;
        var s3 = Vector512<double>.Zero;
        nuint k = 0;
        for (; k + 32 <= n; k += 32)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k), Vector512.LoadUnsafe(ref rb, k), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k + 8), Vector512.LoadUnsafe(ref rb, k + 8), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k + 16), Vector512.LoadUnsafe(ref rb, k + 16), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k + 24), Vector512.LoadUnsafe(ref rb, k + 24), s3);
        }
        if (k < n) s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k), Vector512.LoadUnsafe(ref rb, k), s0);
        if (k + 8 < n) s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k + 8), Vector512.LoadUnsafe(ref rb, k + 8), s1);
        if (k + 16 < n) s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, k + 16), Vector512.LoadUnsafe(ref rb, k + 16), s2);
        return SumLanes((s0 + s1) + (s2 + s3));
    }

    /// <summary>
    /// <see cref="Dot"/> of four rows with one vector b, in one pass: each chunk of b is loaded once for the four rows
    /// (a quarter of the reads of b), and each row's sum keeps <see cref="Dot"/>'s order, so the results are the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double, double, double, double) Dot4(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2,
        ReadOnlySpan<double> x3, ReadOnlySpan<double> b)
    {
        nuint n = (nuint)b.Length;
        if (n <= ShortLength) return (Dot(x0, b), Dot(x1, b), Dot(x2, b), Dot(x3, b));
        ref double r0 = ref MemoryMarshal.GetReference(x0);
        ref double r1 = ref MemoryMarshal.GetReference(x1);
        ref double r2 = ref MemoryMarshal.GetReference(x2);
        ref double r3 = ref MemoryMarshal.GetReference(x3);
        ref double rb = ref MemoryMarshal.GetReference(b);
        Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<double> e0 = default, e1 = default, e2 = default, e3 = default;
        Vector512<double> f0 = default, f1 = default, f2 = default, f3 = default;
        nuint k = 0;
        for (; k + 32 <= n; k += 32)
        {
            var b0 = Vector512.LoadUnsafe(ref rb, k);
            var b1 = Vector512.LoadUnsafe(ref rb, k + 8);
            var b2 = Vector512.LoadUnsafe(ref rb, k + 16);
            var b3 = Vector512.LoadUnsafe(ref rb, k + 24);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, k), b0, a0);
            c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, k), b0, c0);
            e0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, k), b0, e0);
            f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, k), b0, f0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, k + 8), b1, a1);
            c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, k + 8), b1, c1);
            e1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, k + 8), b1, e1);
            f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, k + 8), b1, f1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, k + 16), b2, a2);
            c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, k + 16), b2, c2);
            e2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, k + 16), b2, e2);
            f2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, k + 16), b2, f2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, k + 24), b3, a3);
            c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, k + 24), b3, c3);
            e3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, k + 24), b3, e3);
            f3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, k + 24), b3, f3);
        }
        for (nuint t = 0; t < 3 && k + 8 * t < n; t++)
        {
            // The tail as in Dot: chunk k + 8t goes to accumulator t.
            nuint at = k + 8 * t;
            var bt = Vector512.LoadUnsafe(ref rb, at);
            if (t == 0)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, at), bt, a0); c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, at), bt, c0);
                e0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, at), bt, e0); f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, at), bt, f0);
            }
            else if (t == 1)
            {
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, at), bt, a1); c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, at), bt, c1);
                e1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, at), bt, e1); f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, at), bt, f1);
            }
            else
            {
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, at), bt, a2); c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, at), bt, c2);
                e2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, at), bt, e2); f2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, at), bt, f2);
            }
        }
        return (SumLanes((a0 + a1) + (a2 + a3)), SumLanes((c0 + c1) + (c2 + c3)), SumLanes((e0 + e1) + (e2 + e3)), SumLanes((f0 + f1) + (f2 + f3)));
    }

    /// <summary>The lanes of an accumulator in the canonical order: t_l = s_l + s_(l+4), then (t0 + t1) + (t2 + t3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumLanes(Vector512<double> s)
    {
        var t = s.GetLower() + s.GetUpper();
        return (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));
    }

    /// <summary>
    /// One SGD step with b = 1 on sample (x, y): g = (&lt;beta, x&gt; - y) x, then the rotated update. Returns the
    /// squared residual and, through <paramref name="maxAbsStep"/>, max_i |gamma g_i|.
    /// </summary>
    public static double SingleSampleStep(ReadOnlySpan<double> x, double y, double gamma, NetworkState state, out double maxAbsStep)
    {
        double r = Dot(x, state.Beta) - y;
        maxAbsStep = Update(x, gamma * r, state);
        return r * r;
    }

    /// <summary>
    /// g = sum_{j in batch} (&lt;beta, x_j&gt; - y_j) x_j into <paramref name="gradientSum"/> (not yet divided by b),
    /// one pass over the batch's rows; returns sum_j r_j^2. Short rows keep beta and g in registers; long rows are
    /// taken four at a time, so g is read and written once per four rows while they are still in cache.
    /// </summary>
    public static double BatchGradientSum(PaddedDesign design, ReadOnlySpan<int> batch, ReadOnlySpan<double> beta, Span<double> gradientSum)
    {
        switch (design.Stride)
        {
            case 8: return RegisterBlocked.GradientSum<RegisterBlocked.One>(design, batch, beta, gradientSum);
            case 16: return RegisterBlocked.GradientSum<RegisterBlocked.Two>(design, batch, beta, gradientSum);
            case 24: return RegisterBlocked.GradientSum<RegisterBlocked.Three>(design, batch, beta, gradientSum);
            case 32: return RegisterBlocked.GradientSum<RegisterBlocked.Four>(design, batch, beta, gradientSum);
        }
        gradientSum.Clear();
        double squares = 0;
        ref double rg = ref MemoryMarshal.GetReference(gradientSum);
        nuint n = (nuint)gradientSum.Length;
        int m = 0;
        for (; m + 4 <= batch.Length; m += 4)
        {
            var x0 = design.Row(batch[m]);
            var x1 = design.Row(batch[m + 1]);
            var x2 = design.Row(batch[m + 2]);
            var x3 = design.Row(batch[m + 3]);
            // One pass over beta for four dots; the axpy pass then finds the four rows in cache.
            var dots = Dot4(x0, x1, x2, x3, beta);
            double r0 = dots.Item1 - design.Y[batch[m]];
            double r1 = dots.Item2 - design.Y[batch[m + 1]];
            double r2 = dots.Item3 - design.Y[batch[m + 2]];
            double r3 = dots.Item4 - design.Y[batch[m + 3]];
            squares += r0 * r0;
            squares += r1 * r1;
            squares += r2 * r2;
            squares += r3 * r3;
            ref double p0 = ref MemoryMarshal.GetReference(x0);
            ref double p1 = ref MemoryMarshal.GetReference(x1);
            ref double p2 = ref MemoryMarshal.GetReference(x2);
            ref double p3 = ref MemoryMarshal.GetReference(x3);
            var v0 = Vector512.Create(r0);
            var v1 = Vector512.Create(r1);
            var v2 = Vector512.Create(r2);
            var v3 = Vector512.Create(r3);
            // Four FMAs in a row on one register round exactly like four separate axpy passes in row order.
            for (nuint i = 0; i < n; i += 8)
            {
                var g = Vector512.LoadUnsafe(ref rg, i);
                g = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref p0, i), g);
                g = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref p1, i), g);
                g = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref p2, i), g);
                g = Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref p3, i), g);
                g.StoreUnsafe(ref rg, i);
            }
        }
        for (; m < batch.Length; m++)
        {
            var x = design.Row(batch[m]);
            double r = Dot(x, beta) - design.Y[batch[m]];
            squares += r * r;
            ref double rx = ref MemoryMarshal.GetReference(x);
            var vr = Vector512.Create(r);
            for (nuint i = 0; i < n; i += 8)
                Vector512.FusedMultiplyAdd(vr, Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref rg, i)).StoreUnsafe(ref rg, i);
        }
        return squares;
    }

    /// <summary>
    /// The rotated update with step t = <paramref name="scale"/> * direction (scale = gamma / b for a gradient sum):
    /// w+ *= 1 - t, w- *= 1 + t, S += t, beta = (w+^2 4^e+ - w-^2 4^e-)/2. Returns max_i |t_i|.
    /// </summary>
    public static double Update(ReadOnlySpan<double> direction, double scale, NetworkState state)
    {
        ref double rd = ref MemoryMarshal.GetReference(direction);
        var vscale = Vector512.Create(scale);
        var maxT = Vector512<double>.Zero;
        nuint n = (nuint)state.Beta.Length;
        var sumT = Vector512<double>.Zero;
        for (nuint i = 0; i < n; i += 8)
        {
            var t = vscale * Vector512.LoadUnsafe(ref rd, i);
            UpdateChunk(state, i, t);
            maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
            sumT += t;
        }
        return Vector512.EqualsAll(sumT, sumT) ? MaxLanes(maxT) : MaxAbs(direction.Slice(0, (int)n), scale);
    }

    /// <summary>
    /// The fused b = 1 step: the rotated update with t = <paramref name="scale"/> * x (scale = gamma r), and in the same
    /// pass &lt;<paramref name="xNext"/>, beta'&gt; for the next step's residual, in the order of <see cref="Dot"/>.
    /// No gradient buffer and one pass over the state instead of two.
    /// </summary>
    public static double FusedSingleSampleStep(ReadOnlySpan<double> x, double scale, ReadOnlySpan<double> xNext, NetworkState state, out double maxAbsStep)
    {
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rn = ref MemoryMarshal.GetReference(xNext);
        var vscale = Vector512.Create(scale);
        var maxT = Vector512<double>.Zero;
        var s0 = Vector512<double>.Zero;
        nuint n = (nuint)state.Beta.Length;
        if (n <= ShortLength)
        {
            var sumT = Vector512<double>.Zero;
            for (nuint i = 0; i < n; i += 8)
            {
                var t = vscale * Vector512.LoadUnsafe(ref rx, i);
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, i), UpdateChunk(state, i, t), s0);
                maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
                sumT += t;
            }
            maxAbsStep = Vector512.EqualsAll(sumT, sumT) ? MaxLanes(maxT) : MaxAbs(x, scale);
            return SumLanes(s0);
        }
        var s1 = Vector512<double>.Zero;
        var s2 = Vector512<double>.Zero;
        var s3 = Vector512<double>.Zero;
        var sumT2 = Vector512<double>.Zero;
        for (nuint k = 0; k < n; k += 32)
        {
            var t = vscale * Vector512.LoadUnsafe(ref rx, k);
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, k), UpdateChunk(state, k, t), s0);
            maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
            sumT2 += t;
            if (k + 8 >= n) break;
            t = vscale * Vector512.LoadUnsafe(ref rx, k + 8);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, k + 8), UpdateChunk(state, k + 8, t), s1);
            maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
            sumT2 += t;
            if (k + 16 >= n) break;
            t = vscale * Vector512.LoadUnsafe(ref rx, k + 16);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, k + 16), UpdateChunk(state, k + 16, t), s2);
            maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
            sumT2 += t;
            if (k + 24 >= n) break;
            t = vscale * Vector512.LoadUnsafe(ref rx, k + 24);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, k + 24), UpdateChunk(state, k + 24, t), s3);
            maxT = Vector512.MaxNative(maxT, Vector512.Abs(t));
            sumT2 += t;
        }
        maxAbsStep = Vector512.EqualsAll(sumT2, sumT2) ? MaxLanes(maxT) : MaxAbs(x, scale);
        return SumLanes((s0 + s1) + (s2 + s3));
    }

    /// <summary>
    /// The b = 1 steps k, k + 1, ... up to <paramref name="until"/> (at least one) as one loop: each step is
    /// <see cref="FusedSingleSampleStep"/> on the row drawn one step ahead, with the same operations in the same order,
    /// so the iterates are bit-identical; the padded length must be at most <see cref="ShortLength"/>. max_i |gamma r x_i|
    /// is |gamma r| * max_i |x_i| (<paramref name="rowMaxAbs"/>, finite rows): rounding is monotone and sign-symmetric,
    /// so this is exactly the maximum of the rounded products; a non-finite gamma r takes the exact rule instead.
    /// Returns the new step count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long SingleSampleSteps(PaddedDesign design, NetworkState state, BatchSampler sampler, StepsizeSchedule schedule,
        double constantGamma, double[] rowMaxAbs, long k, long until, ref int current, ref double dotCurrent, ref long singularSteps,
        ref double maxStepGradient)
    {
        nuint stride = (nuint)design.Stride;
        ref double rX = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double rY = ref MemoryMarshal.GetArrayDataReference(design.Y);
        ref double rMax = ref MemoryMarshal.GetArrayDataReference(rowMaxAbs);
        ref double rp = ref MemoryMarshal.GetArrayDataReference(state.WPlus);
        ref double rm = ref MemoryMarshal.GetArrayDataReference(state.WMinus);
        ref double rs = ref MemoryMarshal.GetArrayDataReference(state.SumStepGradient);
        ref double rpl = ref MemoryMarshal.GetArrayDataReference(state.PlusScaleSquared);
        ref double rmi = ref MemoryMarshal.GetArrayDataReference(state.MinusScaleSquared);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(state.Beta);
        bool constant = constantGamma > 0;
        int cur = current;
        double dot = dotCurrent;
        long singular = singularSteps;
        double maxStep = maxStepGradient;
        do
        {
            double gamma = constant ? constantGamma : schedule.At(k);
            int next = sampler.NextSingle();
            double scale = gamma * (dot - Unsafe.Add(ref rY, cur));
            ref double rx = ref Unsafe.Add(ref rX, (nuint)cur * stride);
            ref double rn = ref Unsafe.Add(ref rX, (nuint)next * stride);
            var vscale = Vector512.Create(scale);
            var s0 = Vector512<double>.Zero;
            if (stride == 32)
            {
                // The common padded length unrolled: the same chunks in the same order.
                s0 = SingleSampleChunk(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 0, s0);
                s0 = SingleSampleChunk(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 8, s0);
                s0 = SingleSampleChunk(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 16, s0);
                s0 = SingleSampleChunk(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 24, s0);
            }
            else
            {
                for (nuint i = 0; i < stride; i += 8)
                    s0 = SingleSampleChunk(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, i, s0);
            }
            dot = SumLanes(s0);
            double m1 = double.IsFinite(scale) ? Math.Abs(scale) * Unsafe.Add(ref rMax, cur)
                : MaxAbs(MemoryMarshal.CreateReadOnlySpan(ref rx, (int)stride), scale);
            cur = next;
            if (m1 >= 1) singular++;
            if (m1 > maxStep || double.IsNaN(m1)) maxStep = m1;
            k++;
            if (k % Trainer.RenormalizeEvery == 0) state.Renormalize();
        } while (k < until);
        current = cur;
        dotCurrent = dot;
        singularSteps = singular;
        maxStepGradient = maxStep;
        return k;
    }

    /// <summary>One chunk of <see cref="SingleSampleSteps"/>: the update of coordinates [i, i + 8) and their part of the next dot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SingleSampleChunk(Vector512<double> vscale, ref double rx, ref double rn, ref double rp,
        ref double rm, ref double rs, ref double rpl, ref double rmi, ref double rb, nuint i, Vector512<double> s0) =>
        Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, i),
            Step(ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, i, vscale * Vector512.LoadUnsafe(ref rx, i)), s0);

    /// <summary>max_i |x_i| of each row, or null if some entry is not finite (then the b = 1 loop takes the general path).</summary>
    internal static double[]? RowMaxAbs(PaddedDesign design)
    {
        var result = new double[design.N];
        for (int j = 0; j < design.N; j++)
        {
            double m = 0;
            foreach (double v in design.Row(j))
            {
                if (!double.IsFinite(v)) return null;
                m = Math.Max(m, Math.Abs(v));
            }
            result[j] = m;
        }
        return result;
    }

    /// <summary>
    /// max_i |scale * direction_i|, NaN if any is NaN: the exact rule, for the rare steps whose sum of t is NaN. The
    /// loops above keep a vmaxpd chain (one op, where Max's NaN handling takes three) and the sum of t, which is NaN
    /// whenever some t is; without NaN both maxima are the same number.
    /// </summary>
    private static double MaxAbs(ReadOnlySpan<double> direction, double scale)
    {
        ref double rd = ref MemoryMarshal.GetReference(direction);
        var vscale = Vector512.Create(scale);
        var maxT = Vector512<double>.Zero;
        for (nuint i = 0; i < (nuint)direction.Length; i += 8)
            maxT = Vector512.Max(maxT, Vector512.Abs(vscale * Vector512.LoadUnsafe(ref rd, i)));
        return MaxLanes(maxT);
    }

    /// <summary>Updates coordinates [i, i + 8) of <paramref name="state"/> with step t and returns their new beta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> UpdateChunk(NetworkState state, nuint i, Vector512<double> t) =>
        Step(ref MemoryMarshal.GetArrayDataReference(state.WPlus), ref MemoryMarshal.GetArrayDataReference(state.WMinus),
            ref MemoryMarshal.GetArrayDataReference(state.SumStepGradient), ref MemoryMarshal.GetArrayDataReference(state.PlusScaleSquared),
            ref MemoryMarshal.GetArrayDataReference(state.MinusScaleSquared), ref MemoryMarshal.GetArrayDataReference(state.Beta), i, t);

    /// <summary>
    /// The rotated update of coordinates [i, i + 8) with step t, on a state's arrays w+, w-, S, 4^e+, 4^e- and beta: w+
    /// times 1 - t, w- times 1 + t, S plus t, beta anew; returns the new beta. Every single-run kernel steps through it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Step(ref double rp, ref double rm, ref double rs, ref double rpl, ref double rmi, ref double rb,
        nuint i, Vector512<double> t)
    {
        var wp = Vector512.LoadUnsafe(ref rp, i) * (Vector512<double>.One - t);
        var wm = Vector512.LoadUnsafe(ref rm, i) * (Vector512<double>.One + t);
        wp.StoreUnsafe(ref rp, i);
        wm.StoreUnsafe(ref rm, i);
        (Vector512.LoadUnsafe(ref rs, i) + t).StoreUnsafe(ref rs, i);
        var beta = Beta(wp, wm, Vector512.LoadUnsafe(ref rpl, i), Vector512.LoadUnsafe(ref rmi, i));
        beta.StoreUnsafe(ref rb, i);
        return beta;
    }

    /// <summary>beta = (w+^2 4^e+ - w-^2 4^e-)/2, rounded the same way by every kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Beta(Vector512<double> wp, Vector512<double> wm, Vector512<double> plusScale, Vector512<double> minusScale) =>
        Vector512.Create(0.5) * TwiceBeta(wp, wm, plusScale, minusScale);

    /// <summary>2 beta = w+^2 4^e+ - w-^2 4^e-: <see cref="Beta"/> before its exact product by 1/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> TwiceBeta(Vector512<double> wp, Vector512<double> wm, Vector512<double> plusScale, Vector512<double> minusScale) =>
        wp * wp * plusScale - wm * wm * minusScale;

    /// <summary>The largest lane, NaN if any lane is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MaxLanes(Vector512<double> v)
    {
        var h = Vector256.Max(v.GetLower(), v.GetUpper());
        return Math.Max(Math.Max(h.GetElement(0), h.GetElement(1)), Math.Max(h.GetElement(2), h.GetElement(3)));
    }
}
