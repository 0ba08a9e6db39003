using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// The two matrix products of a lockstep GD step, runs across the vector lanes: residuals R = B X^T - y (runs x n),
/// register-blocked over 8 to 12 rows and a vector of eight runs, and gradients G = R X (runs x d), which
/// <see cref="LockstepState.Update"/> sums in registers and feeds straight into the update.
/// </summary>
/// <remarks>
/// Every sum runs in one order per lane, whatever the tile that computes it: r_j = (FMA from +0 over i = 0, 1, ...,
/// d - 1 of x_ji beta_i) - y_j and g_i = FMA from +0 over j = 0, 1, ..., n - 1 of r_j x_ji. A run's iterates therefore
/// do not depend on which runs share its group or on its lane. These orders differ from <see cref="Kernels.Dot"/>'s,
/// so a lockstep run agrees with its single run to rounding (see <see cref="LockstepTrainer"/>), not bit for bit.
/// </remarks>
internal static class LockstepKernels
{
    /// <summary>
    /// residual[j * 8 + lane] = 2 r_j of each of the eight lanes, from 2 beta and 2 y, and the loss (sum over j in order
    /// of r_j^2) / (2n), as the single run sums its squares.
    /// </summary>
    /// <remarks>
    /// Doubling is exact: every product, partial sum and square of the doubled inputs is the undoubled one times 2 (4 for
    /// squares), rounded the same way, so this is r_j bit for bit, times 2 (away from overflow and subnormals).
    /// </remarks>
    public static void Residuals(PaddedDesign design, double[] twiceBeta, double[] twiceY, double[] residual, double[] loss)
    {
        if (Vector512.IsHardwareAccelerated) Residuals<Octet512>(design, twiceBeta, twiceY, residual, loss);
        else if (Vector256.IsHardwareAccelerated) Residuals<Octet256>(design, twiceBeta, twiceY, residual, loss);
        else if (Vector128.IsHardwareAccelerated) Residuals<Octet128>(design, twiceBeta, twiceY, residual, loss);
        else Residuals<OctetScalar>(design, twiceBeta, twiceY, residual, loss);
    }

    /// <summary><see cref="Residuals"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Residuals<T>(PaddedDesign design, double[] twiceBeta, double[] twiceY, double[] residual, double[] loss) where T : struct, IOctet<T>
    {
        ref double rx = ref design.XData;
        ref double ry = ref MemoryMarshal.GetArrayDataReference(twiceY);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(twiceBeta);
        ref double rr = ref MemoryMarshal.GetArrayDataReference(residual);
        const nuint ln = LockstepState.Lanes;
        int n = design.N, d = design.D, stride = design.Stride;
        ref double rl = ref MemoryMarshal.GetArrayDataReference(loss);
        // The sum of (2 r_j)^2 is 4 times the sum of r_j^2.
        var half = T.Create(8.0 * n);
        var sq = T.Zero;
        // Row tiles of 8 to 12 where an octet is one register; where it takes more, tiles of 4 (twelve accumulators would
        // not stay in registers). Each r_j's sum is the same whatever its tile.
        int j = T.Registers == 1 ? WideTiles<T>(ref rx, ref ry, ref rb, ref rr, n, d, stride, ref sq) : 0;
        for (; j + 4 <= n; j += 4)
        {
            ref double x0 = ref Unsafe.Add(ref rx, j * stride);
            T a0 = default, a1 = default, a2 = default, a3 = default;
            for (int i = 0; i < d; i++)
            {
                var b = T.Load(ref rb, (nuint)i * ln);
                ref double xi = ref Unsafe.Add(ref x0, i);
                a0 = T.FusedMultiplyAdd(T.Create(xi), b, a0);
                a1 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, stride)), b, a1);
                a2 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 2 * stride)), b, a2);
                a3 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 3 * stride)), b, a3);
            }
            ref double r0 = ref Unsafe.Add(ref rr, (nuint)j * ln);
            Store<T>(a0, Unsafe.Add(ref ry, j), ref r0, ref sq);
            Store<T>(a1, Unsafe.Add(ref ry, j + 1), ref Unsafe.Add(ref r0, ln), ref sq);
            Store<T>(a2, Unsafe.Add(ref ry, j + 2), ref Unsafe.Add(ref r0, 2 * ln), ref sq);
            Store<T>(a3, Unsafe.Add(ref ry, j + 3), ref Unsafe.Add(ref r0, 3 * ln), ref sq);
        }
        for (; j < n; j++)
        {
            ref double x0 = ref Unsafe.Add(ref rx, j * stride);
            var a0 = T.Zero;
            for (int i = 0; i < d; i++)
                a0 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref x0, i)), T.Load(ref rb, (nuint)i * ln), a0);
            Store<T>(a0, Unsafe.Add(ref ry, j), ref Unsafe.Add(ref rr, (nuint)j * ln), ref sq);
        }
        (sq / half).Store(ref rl, 0);
    }

    /// <summary>
    /// The row tiles of 8 to 12 of <see cref="Residuals{T}"/> (fewer beta passes than tiles of 8 alone), from row 0;
    /// returns the first row left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WideTiles<T>(ref double rx, ref double ry, ref double rb, ref double rr, int n, int d, int stride, ref T sq) where T : struct, IOctet<T>
    {
        const nuint ln = LockstepState.Lanes;
        var squares = sq;
        int j = 0;
        // Row tiles of 8 to 12 (fewer beta passes than tiles of 8 alone); each r_j's sum is the same whatever its tile.
        while (n - j >= 8)
        {
            int m = n - j;
            if (m >= 24 || (m >= 12 && m < 16))
            {
                ref double x0 = ref Unsafe.Add(ref rx, j * stride);
                T a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
                for (int i = 0; i < d; i++)
                {
                    var b = T.Load(ref rb, (nuint)i * ln);
                    ref double xi = ref Unsafe.Add(ref x0, i);
                    a0 = T.FusedMultiplyAdd(T.Create(xi), b, a0);
                    a1 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 1 * stride)), b, a1);
                    a2 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 2 * stride)), b, a2);
                    a3 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 3 * stride)), b, a3);
                    a4 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 4 * stride)), b, a4);
                    a5 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 5 * stride)), b, a5);
                    a6 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 6 * stride)), b, a6);
                    a7 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 7 * stride)), b, a7);
                    a8 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 8 * stride)), b, a8);
                    a9 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 9 * stride)), b, a9);
                    a10 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 10 * stride)), b, a10);
                    a11 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 11 * stride)), b, a11);
                }
                ref double r0 = ref Unsafe.Add(ref rr, (nuint)j * ln);
                Store<T>(a0, Unsafe.Add(ref ry, j), ref r0, ref squares);
                Store<T>(a1, Unsafe.Add(ref ry, j + 1), ref Unsafe.Add(ref r0, 1 * ln), ref squares);
                Store<T>(a2, Unsafe.Add(ref ry, j + 2), ref Unsafe.Add(ref r0, 2 * ln), ref squares);
                Store<T>(a3, Unsafe.Add(ref ry, j + 3), ref Unsafe.Add(ref r0, 3 * ln), ref squares);
                Store<T>(a4, Unsafe.Add(ref ry, j + 4), ref Unsafe.Add(ref r0, 4 * ln), ref squares);
                Store<T>(a5, Unsafe.Add(ref ry, j + 5), ref Unsafe.Add(ref r0, 5 * ln), ref squares);
                Store<T>(a6, Unsafe.Add(ref ry, j + 6), ref Unsafe.Add(ref r0, 6 * ln), ref squares);
                Store<T>(a7, Unsafe.Add(ref ry, j + 7), ref Unsafe.Add(ref r0, 7 * ln), ref squares);
                Store<T>(a8, Unsafe.Add(ref ry, j + 8), ref Unsafe.Add(ref r0, 8 * ln), ref squares);
                Store<T>(a9, Unsafe.Add(ref ry, j + 9), ref Unsafe.Add(ref r0, 9 * ln), ref squares);
                Store<T>(a10, Unsafe.Add(ref ry, j + 10), ref Unsafe.Add(ref r0, 10 * ln), ref squares);
                Store<T>(a11, Unsafe.Add(ref ry, j + 11), ref Unsafe.Add(ref r0, 11 * ln), ref squares);
                j += 12;
            }
            else if (m >= 20 || (m >= 10 && m < 12))
            {
                ref double x0 = ref Unsafe.Add(ref rx, j * stride);
                T a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default, a9 = default;
                for (int i = 0; i < d; i++)
                {
                    var b = T.Load(ref rb, (nuint)i * ln);
                    ref double xi = ref Unsafe.Add(ref x0, i);
                    a0 = T.FusedMultiplyAdd(T.Create(xi), b, a0);
                    a1 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 1 * stride)), b, a1);
                    a2 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 2 * stride)), b, a2);
                    a3 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 3 * stride)), b, a3);
                    a4 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 4 * stride)), b, a4);
                    a5 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 5 * stride)), b, a5);
                    a6 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 6 * stride)), b, a6);
                    a7 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 7 * stride)), b, a7);
                    a8 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 8 * stride)), b, a8);
                    a9 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 9 * stride)), b, a9);
                }
                ref double r0 = ref Unsafe.Add(ref rr, (nuint)j * ln);
                Store<T>(a0, Unsafe.Add(ref ry, j), ref r0, ref squares);
                Store<T>(a1, Unsafe.Add(ref ry, j + 1), ref Unsafe.Add(ref r0, 1 * ln), ref squares);
                Store<T>(a2, Unsafe.Add(ref ry, j + 2), ref Unsafe.Add(ref r0, 2 * ln), ref squares);
                Store<T>(a3, Unsafe.Add(ref ry, j + 3), ref Unsafe.Add(ref r0, 3 * ln), ref squares);
                Store<T>(a4, Unsafe.Add(ref ry, j + 4), ref Unsafe.Add(ref r0, 4 * ln), ref squares);
                Store<T>(a5, Unsafe.Add(ref ry, j + 5), ref Unsafe.Add(ref r0, 5 * ln), ref squares);
                Store<T>(a6, Unsafe.Add(ref ry, j + 6), ref Unsafe.Add(ref r0, 6 * ln), ref squares);
                Store<T>(a7, Unsafe.Add(ref ry, j + 7), ref Unsafe.Add(ref r0, 7 * ln), ref squares);
                Store<T>(a8, Unsafe.Add(ref ry, j + 8), ref Unsafe.Add(ref r0, 8 * ln), ref squares);
                Store<T>(a9, Unsafe.Add(ref ry, j + 9), ref Unsafe.Add(ref r0, 9 * ln), ref squares);
                j += 10;
            }
            else
            {
                ref double x0 = ref Unsafe.Add(ref rx, j * stride);
                T a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int i = 0; i < d; i++)
                {
                    var b = T.Load(ref rb, (nuint)i * ln);
                    ref double xi = ref Unsafe.Add(ref x0, i);
                    a0 = T.FusedMultiplyAdd(T.Create(xi), b, a0);
                    a1 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 1 * stride)), b, a1);
                    a2 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 2 * stride)), b, a2);
                    a3 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 3 * stride)), b, a3);
                    a4 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 4 * stride)), b, a4);
                    a5 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 5 * stride)), b, a5);
                    a6 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 6 * stride)), b, a6);
                    a7 = T.FusedMultiplyAdd(T.Create(Unsafe.Add(ref xi, 7 * stride)), b, a7);
                }
                ref double r0 = ref Unsafe.Add(ref rr, (nuint)j * ln);
                Store<T>(a0, Unsafe.Add(ref ry, j), ref r0, ref squares);
                Store<T>(a1, Unsafe.Add(ref ry, j + 1), ref Unsafe.Add(ref r0, 1 * ln), ref squares);
                Store<T>(a2, Unsafe.Add(ref ry, j + 2), ref Unsafe.Add(ref r0, 2 * ln), ref squares);
                Store<T>(a3, Unsafe.Add(ref ry, j + 3), ref Unsafe.Add(ref r0, 3 * ln), ref squares);
                Store<T>(a4, Unsafe.Add(ref ry, j + 4), ref Unsafe.Add(ref r0, 4 * ln), ref squares);
                Store<T>(a5, Unsafe.Add(ref ry, j + 5), ref Unsafe.Add(ref r0, 5 * ln), ref squares);
                Store<T>(a6, Unsafe.Add(ref ry, j + 6), ref Unsafe.Add(ref r0, 6 * ln), ref squares);
                Store<T>(a7, Unsafe.Add(ref ry, j + 7), ref Unsafe.Add(ref r0, 7 * ln), ref squares);
                j += 8;
            }
        }
        sq = squares;
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T a, double y, ref double target, ref T squares) where T : struct, IOctet<T>
    {
        a -= T.Create(y);
        a.Store(ref target, 0);
        squares += a * a;
    }
}
