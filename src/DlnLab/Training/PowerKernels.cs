using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The power:D step on padded arrays, vectorised: with t = scale * g_i (scale = gamma / b for a gradient sum),
/// w+ -= (scale D) g_i w+^(D-1), w- += (scale D) g_i w-^(D-1), beta = w+^D - w-^D. Each power is a product of repeated factors in the
/// order <see cref="Models.PowerModel"/> uses, so a lane computes what the scalar step computes from the same gradient.
/// </summary>
internal static class PowerKernels
{
    /// <summary>One step at the machine's widest vector; returns max_i |t_i| (NaN when a t_i is NaN).</summary>
    public static double Update(ReadOnlySpan<double> gradientSum, double scale, int depth, Span<double> wPlus, Span<double> wMinus, Span<double> beta) =>
        Vector512.IsHardwareAccelerated ? Update<Octet512>(gradientSum, scale, depth, wPlus, wMinus, beta)
        : Vector256.IsHardwareAccelerated ? Update<Octet256>(gradientSum, scale, depth, wPlus, wMinus, beta)
        : Vector128.IsHardwareAccelerated ? Update<Octet128>(gradientSum, scale, depth, wPlus, wMinus, beta)
        : Update<OctetScalar>(gradientSum, scale, depth, wPlus, wMinus, beta);

    /// <summary><see cref="Update"/> at the width of <typeparamref name="T"/>; lengths are multiples of eight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Update<T>(ReadOnlySpan<double> gradientSum, double scale, int depth, Span<double> wPlus, Span<double> wMinus, Span<double> beta)
        where T : struct, IOctet<T>
    {
        ref double rg = ref MemoryMarshal.GetReference(gradientSum);
        ref double rp = ref MemoryMarshal.GetReference(wPlus);
        ref double rm = ref MemoryMarshal.GetReference(wMinus);
        ref double rb = ref MemoryMarshal.GetReference(beta);
        var vscale = T.Create(scale);
        var vscaleDepth = T.Create(scale * depth);
        var maxT = T.Zero;
        var sumT = T.Zero;
        nuint n = (nuint)beta.Length;
        for (nuint i = 0; i < n; i += 8)
        {
            var g = T.Load(ref rg, i);
            var t = vscale * g;
            var step = vscaleDepth * g;
            var wp = T.Load(ref rp, i);
            var wm = T.Load(ref rm, i);
            wp -= step * Power(wp, depth - 1);
            wm += step * Power(wm, depth - 1);
            wp.Store(ref rp, i);
            wm.Store(ref rm, i);
            (Power(wp, depth) - Power(wm, depth)).Store(ref rb, i);
            maxT = T.MaxNative(maxT, T.Abs(t));
            sumT += t;
        }
        if (T.NoNaN(sumT)) return T.MaxLanes(maxT);
        // A NaN lane, or infinities of both signs summed: the scalar maximum, NaN when any t_i is NaN.
        double max = 0;
        for (int i = 0; i < beta.Length; i++)
        {
            double t = scale * gradientSum[i];
            if (double.IsNaN(t)) return double.NaN;
            max = Math.Max(max, Math.Abs(t));
        }
        return max;
    }

    /// <summary>x^e by repeated multiplication from 1, as <see cref="Models.PowerModel"/> computes it.</summary>
    private static T Power<T>(T x, int e) where T : struct, IOctet<T>
    {
        var r = T.Create(1);
        for (int i = 0; i < e; i++) r *= x;
        return r;
    }
}
