using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DlnLab.LinearAlgebra;

/// <summary>
/// G = X diag(w) X^T for a large X (n x d), without a scaled copy of X and with each part of X read a few times
/// instead of once per entry of G: the columns go in chunks of <see cref="ChunkLength"/>; within a chunk, four rows of
/// X times w (a small buffer) meet four other rows in a 4 x 4 tile of sixteen vector accumulators, so each load
/// feeds two fused multiply-adds. Only the lower triangle is summed (each G_ij with i >= j once) and mirrored, so G is
/// exactly symmetric. The order of each sum is fixed (chunk by chunk, each chunk's vector lanes then its tail), so the
/// result depends only on X, w and the vector width.
/// </summary>
internal static class BlockedGram
{
    /// <summary>Columns per chunk: four scaled rows of it stay in the first-level cache, all n rows in the second or third.</summary>
    internal const int ChunkLength = 256;

    /// <summary>Rows per tile.</summary>
    private const int Tile = 4;

    /// <summary>Fills <paramref name="g"/> (n x n, zero on entry) with X diag(w) X^T, or X X^T when <paramref name="w"/> is empty.</summary>
    public static void Fill(Matrix x, ReadOnlySpan<double> w, Matrix g)
    {
        int n = x.Rows, d = x.Cols;
        bool weighted = !w.IsEmpty;
        var scaled = new double[Tile * ChunkLength];
        ref double gData = ref MemoryMarshal.GetArrayDataReference(g.Data);
        for (int k0 = 0; k0 < d; k0 += ChunkLength)
        {
            int length = Math.Min(ChunkLength, d - k0);
            for (int i0 = 0; i0 < n; i0 += Tile)
            {
                int rows = Math.Min(Tile, n - i0);
                for (int a = 0; a < rows; a++)
                {
                    var source = x.Data.AsSpan((i0 + a) * d + k0, length);
                    var target = scaled.AsSpan(a * ChunkLength, length);
                    if (weighted) System.Numerics.Tensors.TensorPrimitives.Multiply(source, w.Slice(k0, length), target);
                    else source.CopyTo(target);
                }
                if (rows == Tile)
                {
                    for (int j0 = 0; j0 <= i0; j0 += Tile)
                        TileSums(scaled, x.Data, (i0 * n) + j0, n, j0 * d + k0, d, length, j0 == i0, ref gData);
                }
                else
                {
                    // The last rows (n not a multiple of four): one sum per entry of the lower triangle.
                    for (int a = 0; a < rows; a++)
                        for (int j = 0; j <= i0 + a; j++)
                            Unsafe.Add(ref gData, (i0 + a) * n + j) += Dot(scaled.AsSpan(a * ChunkLength, length), x.Data.AsSpan(j * d + k0, length));
                }
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                g.Data[j * n + i] = g.Data[i * n + j];
    }

    /// <summary>
    /// Adds the chunk's sums of the 4 x 4 tile with rows i0..i0+3 (scaled, in <paramref name="scaled"/>) and j0..j0+3
    /// (X from <paramref name="xOffset"/>) to G from <paramref name="gOffset"/>; on the diagonal tile only entries with
    /// row >= column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileSums(double[] scaled, double[] xData, int gOffset, int n, int xOffset, int d, int length, bool diagonal, ref double g)
    {
        int width = Vector<double>.Count;
        ref double s = ref MemoryMarshal.GetArrayDataReference(scaled);
        ref double x0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(xData), xOffset);
        ref double x1 = ref Unsafe.Add(ref x0, d);
        ref double x2 = ref Unsafe.Add(ref x1, d);
        ref double x3 = ref Unsafe.Add(ref x2, d);
        Vector<double> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
        Vector<double> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
        int k = 0;
        for (; k + width <= length; k += width)
        {
            var s0 = Load(ref s, k);
            var s1 = Load(ref s, ChunkLength + k);
            var s2 = Load(ref s, 2 * ChunkLength + k);
            var s3 = Load(ref s, 3 * ChunkLength + k);
            var v = Load(ref x0, k);
            a00 = Vector.FusedMultiplyAdd(s0, v, a00); a10 = Vector.FusedMultiplyAdd(s1, v, a10);
            a20 = Vector.FusedMultiplyAdd(s2, v, a20); a30 = Vector.FusedMultiplyAdd(s3, v, a30);
            v = Load(ref x1, k);
            a01 = Vector.FusedMultiplyAdd(s0, v, a01); a11 = Vector.FusedMultiplyAdd(s1, v, a11);
            a21 = Vector.FusedMultiplyAdd(s2, v, a21); a31 = Vector.FusedMultiplyAdd(s3, v, a31);
            v = Load(ref x2, k);
            a02 = Vector.FusedMultiplyAdd(s0, v, a02); a12 = Vector.FusedMultiplyAdd(s1, v, a12);
            a22 = Vector.FusedMultiplyAdd(s2, v, a22); a32 = Vector.FusedMultiplyAdd(s3, v, a32);
            v = Load(ref x3, k);
            a03 = Vector.FusedMultiplyAdd(s0, v, a03); a13 = Vector.FusedMultiplyAdd(s1, v, a13);
            a23 = Vector.FusedMultiplyAdd(s2, v, a23); a33 = Vector.FusedMultiplyAdd(s3, v, a33);
        }
        Span<double> sums =
        [
            Vector.Sum(a00), Vector.Sum(a01), Vector.Sum(a02), Vector.Sum(a03),
            Vector.Sum(a10), Vector.Sum(a11), Vector.Sum(a12), Vector.Sum(a13),
            Vector.Sum(a20), Vector.Sum(a21), Vector.Sum(a22), Vector.Sum(a23),
            Vector.Sum(a30), Vector.Sum(a31), Vector.Sum(a32), Vector.Sum(a33),
        ];
        for (int a = 0; a < Tile; a++)
        {
            for (int b = 0; b < Tile; b++)
            {
                if (diagonal && b > a) continue;
                double sum = sums[a * Tile + b];
                ref double xb = ref Unsafe.Add(ref x0, b * d);
                for (int t = k; t < length; t++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s, a * ChunkLength + t), Unsafe.Add(ref xb, t), sum);
                Unsafe.Add(ref g, gOffset + a * n + b) += sum;
            }
        }
    }

    /// <summary>&lt;a, b&gt; in the tiles' order: vector lanes, their sum, then the tail.</summary>
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int width = Vector<double>.Count, k = 0;
        var acc = Vector<double>.Zero;
        for (; k + width <= a.Length; k += width)
            acc = Vector.FusedMultiplyAdd(new Vector<double>(a.Slice(k, width)), new Vector<double>(b.Slice(k, width)), acc);
        double sum = Vector.Sum(acc);
        for (; k < a.Length; k++) sum = Math.FusedMultiplyAdd(a[k], b[k], sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ref double source, int offset) => Vector.LoadUnsafe(ref source, (nuint)offset);
}
