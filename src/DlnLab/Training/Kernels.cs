using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The hot loops of (S)GD in rotated form: allocation-free, O(b d) per step, no transcendental function. All spans
/// have the padded length (a multiple of <see cref="PaddedDesign.Lanes"/>), so the vector loops have no tail.
/// </summary>
public static class Kernels
{
    /// <summary>&lt;a, b&gt; over a padded length, with four independent accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        var s0 = Vector256<double>.Zero;
        var s1 = Vector256<double>.Zero;
        nuint i = 0;
        for (; i + 8 <= n; i += 8)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, i), Vector256.LoadUnsafe(ref rb, i), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, i + 4), Vector256.LoadUnsafe(ref rb, i + 4), s1);
        }
        double sum = Vector256.Sum(s0 + s1);
        for (; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
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
    /// one pass over the batch's rows; returns sum_j r_j^2.
    /// </summary>
    public static double BatchGradientSum(PaddedDesign design, ReadOnlySpan<int> batch, ReadOnlySpan<double> beta, Span<double> gradientSum)
    {
        gradientSum.Clear();
        double squares = 0;
        ref double rg = ref MemoryMarshal.GetReference(gradientSum);
        nuint n = (nuint)gradientSum.Length;
        foreach (int j in batch)
        {
            var x = design.Row(j);
            double r = Dot(x, beta) - design.Y[j];
            squares += r * r;
            ref double rx = ref MemoryMarshal.GetReference(x);
            var vr = Vector256.Create(r);
            for (nuint i = 0; i < n; i += 4)
                Vector256.FusedMultiplyAdd(vr, Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref rg, i)).StoreUnsafe(ref rg, i);
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
        ref double rp = ref MemoryMarshal.GetArrayDataReference(state.WPlus);
        ref double rm = ref MemoryMarshal.GetArrayDataReference(state.WMinus);
        ref double rpp = ref MemoryMarshal.GetArrayDataReference(state.PlusScaleSquared);
        ref double rmm = ref MemoryMarshal.GetArrayDataReference(state.MinusScaleSquared);
        ref double rs = ref MemoryMarshal.GetArrayDataReference(state.SumStepGradient);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(state.Beta);
        nuint n = (nuint)state.Beta.Length;
        var vscale = Vector256.Create(scale);
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        var maxT = Vector256<double>.Zero;
        for (nuint i = 0; i < n; i += 4)
        {
            var t = vscale * Vector256.LoadUnsafe(ref rd, i);
            var wp = Vector256.LoadUnsafe(ref rp, i) * (one - t);
            var wm = Vector256.LoadUnsafe(ref rm, i) * (one + t);
            wp.StoreUnsafe(ref rp, i);
            wm.StoreUnsafe(ref rm, i);
            (Vector256.LoadUnsafe(ref rs, i) + t).StoreUnsafe(ref rs, i);
            var beta = half * (wp * wp * Vector256.LoadUnsafe(ref rpp, i) - wm * wm * Vector256.LoadUnsafe(ref rmm, i));
            beta.StoreUnsafe(ref rb, i);
            maxT = Vector256.Max(maxT, Vector256.Abs(t));
        }
        return Math.Max(Math.Max(maxT[0], maxT[1]), Math.Max(maxT[2], maxT[3]));
    }
}
