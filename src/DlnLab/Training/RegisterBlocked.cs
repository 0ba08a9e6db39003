using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DlnLab.Training;

/// <summary>
/// Gradient sums for short rows (padded length 8, 16, 24 or 32): beta and the gradient live in up to four octets of
/// registers (<see cref="IOctet{T}"/>; four 512-bit registers where the processor has them) for the whole batch, so a
/// row costs its loads and FMAs only. The chunk count is a type parameter, so each length gets its own straight-line
/// code. Sums in the canonical order of <see cref="Kernels.Dot"/>.
/// </summary>
internal static class RegisterBlocked
{
    internal interface IChunks { static abstract int Count { get; } }
    internal struct One : IChunks { public static int Count => 1; }
    internal struct Two : IChunks { public static int Count => 2; }
    internal struct Three : IChunks { public static int Count => 3; }
    internal struct Four : IChunks { public static int Count => 4; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double GradientSum<T, TChunks>(PaddedDesign design, ReadOnlySpan<int> batch, ReadOnlySpan<double> beta, Span<double> gradientSum)
        where T : struct, IOctet<T> where TChunks : struct, IChunks
    {
        int c = TChunks.Count;
        ref double rb = ref MemoryMarshal.GetReference(beta);
        ref double rx = ref design.XData;
        ref double ry = ref MemoryMarshal.GetArrayDataReference(design.Y);
        var b0 = T.Load(ref rb, 0);
        var b1 = c > 1 ? T.Load(ref rb, 8) : default;
        var b2 = c > 2 ? T.Load(ref rb, 16) : default;
        var b3 = c > 3 ? T.Load(ref rb, 24) : default;
        T g0 = default, g1 = default, g2 = default, g3 = default;
        double squares = 0;
        foreach (int j in batch)
        {
            ref double row = ref Unsafe.Add(ref rx, j * 8 * c);
            var x0 = T.Load(ref row, 0);
            var s = T.FusedMultiplyAdd(x0, b0, T.Zero);
            T x1 = default, x2 = default, x3 = default;
            if (c > 1) { x1 = T.Load(ref row, 8); s = T.FusedMultiplyAdd(x1, b1, s); }
            if (c > 2) { x2 = T.Load(ref row, 16); s = T.FusedMultiplyAdd(x2, b2, s); }
            if (c > 3) { x3 = T.Load(ref row, 24); s = T.FusedMultiplyAdd(x3, b3, s); }
            double r = T.SumLanes(s) - Unsafe.Add(ref ry, j);
            squares += r * r;
            var vr = T.Create(r);
            g0 = T.FusedMultiplyAdd(vr, x0, g0);
            if (c > 1) g1 = T.FusedMultiplyAdd(vr, x1, g1);
            if (c > 2) g2 = T.FusedMultiplyAdd(vr, x2, g2);
            if (c > 3) g3 = T.FusedMultiplyAdd(vr, x3, g3);
        }
        ref double rg = ref MemoryMarshal.GetReference(gradientSum);
        g0.Store(ref rg, 0);
        if (c > 1) g1.Store(ref rg, 8);
        if (c > 2) g2.Store(ref rg, 16);
        if (c > 3) g3.Store(ref rg, 24);
        return squares;
    }
}
