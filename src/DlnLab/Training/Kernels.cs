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
internal static class Kernels
{
    /// <summary>Up to this padded length a dot product uses one 8-lane accumulator; above it, four (32 lanes).</summary>
    public const int ShortLength = 64;

    /// <summary>
    /// &lt;a, b&gt; in the canonical order: chunk c (8 doubles, c = 0, 1, ...) is added by FMA to accumulator c mod A
    /// (A = 1 up to <see cref="ShortLength"/>, else 4; lane l of an accumulator sums its coordinates = l mod 8 in
    /// increasing order from +0); then accumulators combine as (a0 + a1) + (a2 + a3) and lanes as in <see cref="IOctet{T}.SumLanes"/>.
    /// </summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Vector512.IsHardwareAccelerated ? Dot<Octet512>(a, b)
        : Vector256.IsHardwareAccelerated ? Dot<Octet256>(a, b)
        : Vector128.IsHardwareAccelerated ? Dot<Octet128>(a, b) : Dot<OctetScalar>(a, b);

    /// <summary><see cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Dot<T>(ReadOnlySpan<double> a, ReadOnlySpan<double> b) where T : struct, IOctet<T>
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        var s0 = T.Zero;
        if (n <= ShortLength)
        {
            for (nuint i = 0; i < n; i += 8)
                s0 = T.FusedMultiplyAddLoaded(ref ra, i, T.Load(ref rb, i), s0);
            return T.SumLanes(s0);
        }
        var s1 = T.Zero;
        var s2 = T.Zero;
        var s3 = T.Zero;
        nuint k = 0;
        for (; k + 32 <= n; k += 32)
        {
            s0 = T.FusedMultiplyAddLoaded(ref ra, k, T.Load(ref rb, k), s0);
            s1 = T.FusedMultiplyAddLoaded(ref ra, k + 8, T.Load(ref rb, k + 8), s1);
            s2 = T.FusedMultiplyAddLoaded(ref ra, k + 16, T.Load(ref rb, k + 16), s2);
            s3 = T.FusedMultiplyAddLoaded(ref ra, k + 24, T.Load(ref rb, k + 24), s3);
        }
        if (k < n) s0 = T.FusedMultiplyAddLoaded(ref ra, k, T.Load(ref rb, k), s0);
        if (k + 8 < n) s1 = T.FusedMultiplyAddLoaded(ref ra, k + 8, T.Load(ref rb, k + 8), s1);
        if (k + 16 < n) s2 = T.FusedMultiplyAddLoaded(ref ra, k + 16, T.Load(ref rb, k + 16), s2);
        return T.SumLanes((s0 + s1) + (s2 + s3));
    }

    /// <summary>
    /// <see cref="Dot"/> of four rows with one vector b, in one pass: each chunk of b is loaded once for the four rows
    /// (a quarter of the reads of b), and each row's sum keeps <see cref="Dot"/>'s order, so the results are the same.
    /// </summary>
    public static (double, double, double, double) Dot4(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2,
        ReadOnlySpan<double> x3, ReadOnlySpan<double> b) =>
        Vector512.IsHardwareAccelerated ? Dot4<Octet512>(x0, x1, x2, x3, b)
        : Vector256.IsHardwareAccelerated ? Dot4<Octet256>(x0, x1, x2, x3, b)
        : Vector128.IsHardwareAccelerated ? Dot4<Octet128>(x0, x1, x2, x3, b) : Dot4<OctetScalar>(x0, x1, x2, x3, b);

    /// <summary><see cref="Dot4"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (double, double, double, double) Dot4<T>(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2,
        ReadOnlySpan<double> x3, ReadOnlySpan<double> b) where T : struct, IOctet<T>
    {
        nuint n = (nuint)b.Length;
        if (n <= ShortLength) return (Dot<T>(x0, b), Dot<T>(x1, b), Dot<T>(x2, b), Dot<T>(x3, b));
        ref double r0 = ref MemoryMarshal.GetReference(x0);
        ref double r1 = ref MemoryMarshal.GetReference(x1);
        ref double r2 = ref MemoryMarshal.GetReference(x2);
        ref double r3 = ref MemoryMarshal.GetReference(x3);
        ref double rb = ref MemoryMarshal.GetReference(b);
        T a0 = default, a1 = default, a2 = default, a3 = default;
        T c0 = default, c1 = default, c2 = default, c3 = default;
        T e0 = default, e1 = default, e2 = default, e3 = default;
        T f0 = default, f1 = default, f2 = default, f3 = default;
        nuint k = 0;
        for (; k + 32 <= n; k += 32)
        {
            var b0 = T.Load(ref rb, k);
            var b1 = T.Load(ref rb, k + 8);
            var b2 = T.Load(ref rb, k + 16);
            var b3 = T.Load(ref rb, k + 24);
            a0 = T.FusedMultiplyAddLoaded(ref r0, k, b0, a0);
            c0 = T.FusedMultiplyAddLoaded(ref r1, k, b0, c0);
            e0 = T.FusedMultiplyAddLoaded(ref r2, k, b0, e0);
            f0 = T.FusedMultiplyAddLoaded(ref r3, k, b0, f0);
            a1 = T.FusedMultiplyAddLoaded(ref r0, k + 8, b1, a1);
            c1 = T.FusedMultiplyAddLoaded(ref r1, k + 8, b1, c1);
            e1 = T.FusedMultiplyAddLoaded(ref r2, k + 8, b1, e1);
            f1 = T.FusedMultiplyAddLoaded(ref r3, k + 8, b1, f1);
            a2 = T.FusedMultiplyAddLoaded(ref r0, k + 16, b2, a2);
            c2 = T.FusedMultiplyAddLoaded(ref r1, k + 16, b2, c2);
            e2 = T.FusedMultiplyAddLoaded(ref r2, k + 16, b2, e2);
            f2 = T.FusedMultiplyAddLoaded(ref r3, k + 16, b2, f2);
            a3 = T.FusedMultiplyAddLoaded(ref r0, k + 24, b3, a3);
            c3 = T.FusedMultiplyAddLoaded(ref r1, k + 24, b3, c3);
            e3 = T.FusedMultiplyAddLoaded(ref r2, k + 24, b3, e3);
            f3 = T.FusedMultiplyAddLoaded(ref r3, k + 24, b3, f3);
        }
        for (nuint t = 0; t < 3 && k + 8 * t < n; t++)
        {
            // The tail as in Dot: chunk k + 8t goes to accumulator t.
            nuint at = k + 8 * t;
            var bt = T.Load(ref rb, at);
            if (t == 0)
            {
                a0 = T.FusedMultiplyAddLoaded(ref r0, at, bt, a0); c0 = T.FusedMultiplyAddLoaded(ref r1, at, bt, c0);
                e0 = T.FusedMultiplyAddLoaded(ref r2, at, bt, e0); f0 = T.FusedMultiplyAddLoaded(ref r3, at, bt, f0);
            }
            else if (t == 1)
            {
                a1 = T.FusedMultiplyAddLoaded(ref r0, at, bt, a1); c1 = T.FusedMultiplyAddLoaded(ref r1, at, bt, c1);
                e1 = T.FusedMultiplyAddLoaded(ref r2, at, bt, e1); f1 = T.FusedMultiplyAddLoaded(ref r3, at, bt, f1);
            }
            else
            {
                a2 = T.FusedMultiplyAddLoaded(ref r0, at, bt, a2); c2 = T.FusedMultiplyAddLoaded(ref r1, at, bt, c2);
                e2 = T.FusedMultiplyAddLoaded(ref r2, at, bt, e2); f2 = T.FusedMultiplyAddLoaded(ref r3, at, bt, f2);
            }
        }
        return (T.SumLanes((a0 + a1) + (a2 + a3)), T.SumLanes((c0 + c1) + (c2 + c3)), T.SumLanes((e0 + e1) + (e2 + e3)), T.SumLanes((f0 + f1) + (f2 + f3)));
    }

    /// <summary>
    /// g = sum_{j in batch} (&lt;beta, x_j&gt; - y_j) x_j into <paramref name="gradientSum"/> (not yet divided by b),
    /// one pass over the batch's rows; returns sum_j r_j^2. Short rows keep beta and g in registers; long rows are
    /// taken four at a time, so g is read and written once per four rows while they are still in cache.
    /// </summary>
    public static double BatchGradientSum(PaddedDesign design, ReadOnlySpan<int> batch, ReadOnlySpan<double> beta, Span<double> gradientSum) =>
        Vector512.IsHardwareAccelerated ? BatchGradientSum<Octet512>(design, batch, beta, gradientSum)
        : Vector256.IsHardwareAccelerated ? BatchGradientSum<Octet256>(design, batch, beta, gradientSum)
        : Vector128.IsHardwareAccelerated ? BatchGradientSum<Octet128>(design, batch, beta, gradientSum) : BatchGradientSum<OctetScalar>(design, batch, beta, gradientSum);

    /// <summary><see cref="BatchGradientSum"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double BatchGradientSum<T>(PaddedDesign design, ReadOnlySpan<int> batch, ReadOnlySpan<double> beta, Span<double> gradientSum)
        where T : struct, IOctet<T>
    {
        switch (design.Stride)
        {
            case 8: return RegisterBlocked.GradientSum<T, RegisterBlocked.One>(design, batch, beta, gradientSum);
            case 16: return RegisterBlocked.GradientSum<T, RegisterBlocked.Two>(design, batch, beta, gradientSum);
            case 24: return RegisterBlocked.GradientSum<T, RegisterBlocked.Three>(design, batch, beta, gradientSum);
            case 32: return RegisterBlocked.GradientSum<T, RegisterBlocked.Four>(design, batch, beta, gradientSum);
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
            var dots = Dot4<T>(x0, x1, x2, x3, beta);
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
            var v0 = T.Create(r0);
            var v1 = T.Create(r1);
            var v2 = T.Create(r2);
            var v3 = T.Create(r3);
            // Four FMAs in a row on one register round exactly like four separate axpy passes in row order.
            for (nuint i = 0; i < n; i += 8)
            {
                var g = T.Load(ref rg, i);
                g = T.FusedMultiplyAddLoaded(ref p0, i, v0, g);
                g = T.FusedMultiplyAddLoaded(ref p1, i, v1, g);
                g = T.FusedMultiplyAddLoaded(ref p2, i, v2, g);
                g = T.FusedMultiplyAddLoaded(ref p3, i, v3, g);
                g.Store(ref rg, i);
            }
        }
        for (; m < batch.Length; m++)
        {
            var x = design.Row(batch[m]);
            double r = Dot<T>(x, beta) - design.Y[batch[m]];
            squares += r * r;
            ref double rx = ref MemoryMarshal.GetReference(x);
            var vr = T.Create(r);
            for (nuint i = 0; i < n; i += 8)
                T.FusedMultiplyAddLoaded(ref rx, i, vr, T.Load(ref rg, i)).Store(ref rg, i);
        }
        return squares;
    }

    /// <summary>
    /// The rotated update with step t = <paramref name="scale"/> * direction (scale = gamma / b for a gradient sum):
    /// w+ *= 1 - t, w- *= 1 + t, S += t, beta = (w+^2 4^e+ - w-^2 4^e-)/2. Returns max_i |t_i|.
    /// </summary>
    public static double Update(ReadOnlySpan<double> direction, double scale, NetworkState state) =>
        Vector512.IsHardwareAccelerated ? Update<Octet512>(direction, scale, state)
        : Vector256.IsHardwareAccelerated ? Update<Octet256>(direction, scale, state)
        : Vector128.IsHardwareAccelerated ? Update<Octet128>(direction, scale, state) : Update<OctetScalar>(direction, scale, state);

    /// <summary><see cref="Update"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Update<T>(ReadOnlySpan<double> direction, double scale, NetworkState state) where T : struct, IOctet<T>
    {
        ref double rd = ref MemoryMarshal.GetReference(direction);
        // The state's arrays read once: through the state object the JIT reloads and null-checks each at every chunk.
        ref double rp = ref MemoryMarshal.GetArrayDataReference(state.WPlus);
        ref double rm = ref MemoryMarshal.GetArrayDataReference(state.WMinus);
        ref double rs = ref MemoryMarshal.GetArrayDataReference(state.SumStepGradient);
        ref double rpl = ref MemoryMarshal.GetArrayDataReference(state.PlusScaleSquared);
        ref double rmi = ref MemoryMarshal.GetArrayDataReference(state.MinusScaleSquared);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(state.Beta);
        var vscale = T.Create(scale);
        var maxT = T.Zero;
        nuint n = (nuint)state.Beta.Length;
        var sumT = T.Zero;
        for (nuint i = 0; i < n; i += 8)
        {
            var t = vscale * T.Load(ref rd, i);
            Step<T>(ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, i, t);
            maxT = T.MaxNative(maxT, T.Abs(t));
            sumT += t;
        }
        return T.NoNaN(sumT) ? T.MaxLanes(maxT) : MaxAbs<T>(direction.Slice(0, (int)n), scale);
    }

    /// <summary>
    /// The b = 1 steps k, k + 1, ... up to <paramref name="until"/> (at least one) as one loop, at any padded length:
    /// each step is the rotated update with t = gamma r x on the current row and, in the same pass, &lt;x_next, beta'&gt;
    /// for the next step's residual (the row drawn one step ahead, the same draws), with no gradient buffer and one pass
    /// over the state (<see cref="SingleSampleUpdate{T}"/>). max_i |gamma r x_i| is |gamma r| * max_i |x_i|
    /// (<paramref name="rowMaxAbs"/>): rounding is monotone and sign-symmetric, so this is exactly the maximum of the
    /// rounded products; where that product is not finite (gamma r or the row not finite) the exact rule is taken instead.
    /// Returns the new step count.
    /// </summary>
    internal static long SingleSampleSteps(PaddedDesign design, NetworkState state, BatchSampler sampler, StepsizeSchedule schedule,
        double constantGamma, double[] rowMaxAbs, long k, long until, ref int current, ref double dotCurrent, ref long singularSteps,
        ref double maxStepGradient) =>
        Vector512.IsHardwareAccelerated ? SingleSampleSteps<Octet512>(design, state, sampler, schedule, constantGamma, rowMaxAbs, k, until, ref current, ref dotCurrent, ref singularSteps, ref maxStepGradient)
        : Vector256.IsHardwareAccelerated ? SingleSampleSteps<Octet256>(design, state, sampler, schedule, constantGamma, rowMaxAbs, k, until, ref current, ref dotCurrent, ref singularSteps, ref maxStepGradient)
        : Vector128.IsHardwareAccelerated ? SingleSampleSteps<Octet128>(design, state, sampler, schedule, constantGamma, rowMaxAbs, k, until, ref current, ref dotCurrent, ref singularSteps, ref maxStepGradient) : SingleSampleSteps<OctetScalar>(design, state, sampler, schedule, constantGamma, rowMaxAbs, k, until, ref current, ref dotCurrent, ref singularSteps, ref maxStepGradient);

    /// <summary><see cref="SingleSampleSteps"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long SingleSampleSteps<T>(PaddedDesign design, NetworkState state, BatchSampler sampler, StepsizeSchedule schedule,
        double constantGamma, double[] rowMaxAbs, long k, long until, ref int current, ref double dotCurrent, ref long singularSteps,
        ref double maxStepGradient) where T : struct, IOctet<T>
    {
        nuint stride = (nuint)design.Stride;
        ref double rX = ref design.XData;
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
            dot = SingleSampleUpdate<T>(stride, scale, ref rx, ref Unsafe.Add(ref rX, (nuint)next * stride), ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb);
            double m1 = SingleSampleMaxStep<T>(scale, Unsafe.Add(ref rMax, cur), ref rx, stride);
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

    /// <summary>
    /// One step of <see cref="SingleSampleSteps"/> on a state's arrays (w+, w-, S, 4^e+, 4^e-, beta): the rotated update
    /// with t = <paramref name="scale"/> * x (row <paramref name="rx"/>), returning &lt;x_next, beta'&gt; (row
    /// <paramref name="rn"/>) in the order of <see cref="Dot"/>: one accumulator up to <see cref="ShortLength"/>, four above.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SingleSampleUpdate<T>(nuint stride, double scale, ref double rx, ref double rn, ref double rp, ref double rm,
        ref double rs, ref double rpl, ref double rmi, ref double rb) where T : struct, IOctet<T>
    {
        var vscale = T.Create(scale);
        var s0 = T.Zero;
        if (stride > ShortLength)
        {
            // Chunk c to accumulator c mod 4, as Dot sums: whole blocks of four chunks, then the last one to three.
            var s1 = T.Zero;
            var s2 = T.Zero;
            var s3 = T.Zero;
            nuint k = 0;
            for (; k + 32 <= stride; k += 32)
            {
                s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k, s0);
                s1 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k + 8, s1);
                s2 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k + 16, s2);
                s3 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k + 24, s3);
            }
            if (k < stride) s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k, s0);
            if (k + 8 < stride) s1 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k + 8, s1);
            if (k + 16 < stride) s2 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, k + 16, s2);
            return T.SumLanes((s0 + s1) + (s2 + s3));
        }
        if (stride == 32)
        {
            // The common padded length unrolled: the same chunks in the same order.
            s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 0, s0);
            s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 8, s0);
            s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 16, s0);
            s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, 24, s0);
        }
        else
        {
            for (nuint i = 0; i < stride; i += 8)
                s0 = SingleSampleChunk<T>(vscale, ref rx, ref rn, ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, i, s0);
        }
        return T.SumLanes(s0);
    }

    /// <summary>
    /// max_i |t_i| of a <see cref="SingleSampleUpdate{T}"/>: |scale| times the row's largest |x_i| (<paramref name="rowMax"/>),
    /// or the exact rule where that product is not finite (a non-finite scale, or a row with a non-finite entry, whose
    /// maximum is +infinity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SingleSampleMaxStep<T>(double scale, double rowMax, ref double rx, nuint stride) where T : struct, IOctet<T>
    {
        double product = Math.Abs(scale) * rowMax;
        return double.IsFinite(product) ? product : MaxAbs<T>(MemoryMarshal.CreateReadOnlySpan(ref rx, (int)stride), scale);
    }

    /// <summary>One chunk of <see cref="SingleSampleSteps"/>: the update of coordinates [i, i + 8) and their part of the next dot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T SingleSampleChunk<T>(T vscale, ref double rx, ref double rn, ref double rp,
        ref double rm, ref double rs, ref double rpl, ref double rmi, ref double rb, nuint i, T s0) where T : struct, IOctet<T> =>
        typeof(T) == typeof(Octet512)
            ? Unsafe.BitCast<Vector512<double>, T>(SingleSampleChunk512(Unsafe.BitCast<T, Vector512<double>>(vscale), ref rx, ref rn, ref rp, ref rm,
                ref rs, ref rpl, ref rmi, ref rb, i, Unsafe.BitCast<T, Vector512<double>>(s0)))
            : T.FusedMultiplyAddLoaded(ref rn, i, Step<T>(ref rp, ref rm, ref rs, ref rpl, ref rmi, ref rb, i, vscale * T.Load(ref rx, i)), s0);

    /// <summary>
    /// <see cref="SingleSampleChunk{T}"/> on Vector512 itself, the same operations in the same order: through the
    /// octet wrapper the JIT loads x and the state into registers of their own instead of folding the loads into the
    /// arithmetic, which cost the b = 1 loop for short rows about 4% (docs/PERFORMANCE.md, 2026-12-02).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SingleSampleChunk512(Vector512<double> vscale, ref double rx, ref double rn, ref double rp,
        ref double rm, ref double rs, ref double rpl, ref double rmi, ref double rb, nuint i, Vector512<double> s0)
    {
        var t = vscale * Vector512.LoadUnsafe(ref rx, i);
        var wp = Vector512.LoadUnsafe(ref rp, i) * (Vector512<double>.One - t);
        var wm = Vector512.LoadUnsafe(ref rm, i) * (Vector512<double>.One + t);
        wp.StoreUnsafe(ref rp, i);
        wm.StoreUnsafe(ref rm, i);
        (Vector512.LoadUnsafe(ref rs, i) + t).StoreUnsafe(ref rs, i);
        var beta = Vector512.Create(0.5) * (wp * wp * Vector512.LoadUnsafe(ref rpl, i) - wm * wm * Vector512.LoadUnsafe(ref rmi, i));
        beta.StoreUnsafe(ref rb, i);
        return Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rn, i), beta, s0);
    }

    /// <summary>max_i |x_i| of each row; +infinity for a row with a non-finite entry.</summary>
    internal static double[] RowMaxAbs(PaddedDesign design)
    {
        var result = new double[design.N];
        for (int j = 0; j < design.N; j++)
        {
            double m = 0;
            foreach (double v in design.Row(j))
            {
                if (!double.IsFinite(v))
                {
                    m = double.PositiveInfinity;
                    break;
                }
                m = Math.Max(m, Math.Abs(v));
            }
            result[j] = m;
        }
        return result;
    }

    /// <summary>
    /// max_i |scale * direction_i|, NaN if any is NaN: the exact rule, for the rare steps where the fast one does not
    /// hold. <see cref="Update"/> keeps a vmaxpd chain (one op, where Max's NaN handling takes three) and the sum of t,
    /// which is NaN whenever some t is (without NaN both maxima are the same number); the b = 1 loop, a product that is
    /// not finite (<see cref="SingleSampleMaxStep{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MaxAbs<T>(ReadOnlySpan<double> direction, double scale) where T : struct, IOctet<T>
    {
        ref double rd = ref MemoryMarshal.GetReference(direction);
        var vscale = T.Create(scale);
        var maxT = T.Zero;
        for (nuint i = 0; i < (nuint)direction.Length; i += 8)
            maxT = T.Max(maxT, T.Abs(vscale * T.Load(ref rd, i)));
        return T.MaxLanes(maxT);
    }

    /// <summary>
    /// The rotated update of coordinates [i, i + 8) with step t, on a state's arrays w+, w-, S, 4^e+, 4^e- and beta: w+
    /// times 1 - t, w- times 1 + t, S plus t, beta anew; returns the new beta. Every single-run kernel steps through it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Step<T>(ref double rp, ref double rm, ref double rs, ref double rpl, ref double rmi, ref double rb,
        nuint i, T t) where T : struct, IOctet<T>
    {
        var wp = T.Load(ref rp, i) * (T.Create(1.0) - t);
        var wm = T.Load(ref rm, i) * (T.Create(1.0) + t);
        wp.Store(ref rp, i);
        wm.Store(ref rm, i);
        (T.Load(ref rs, i) + t).Store(ref rs, i);
        var beta = Beta<T>(wp, wm, T.Load(ref rpl, i), T.Load(ref rmi, i));
        beta.Store(ref rb, i);
        return beta;
    }

    /// <summary>beta = (w+^2 4^e+ - w-^2 4^e-)/2, rounded the same way by every kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Beta<T>(T wp, T wm, T plusScale, T minusScale) where T : struct, IOctet<T> =>
        T.Create(0.5) * TwiceBeta<T>(wp, wm, plusScale, minusScale);

    /// <summary>2 beta = w+^2 4^e+ - w-^2 4^e-: <see cref="Beta"/> before its exact product by 1/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T TwiceBeta<T>(T wp, T wm, T plusScale, T minusScale) where T : struct, IOctet<T> =>
        wp * wp * plusScale - wm * wm * minusScale;
}
