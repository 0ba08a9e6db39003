using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// A problem's design X and labels y prepared once for many runs (<see cref="Trainer"/>, <see cref="LockstepTrainer"/>):
/// the design stored for the kernels: rows padded with zeros to a multiple of <see cref="Lanes"/> so the vector
/// loops have no tail. A padded coordinate has x = 0, hence g = 0, and stays at w+ = w- = 1, beta = 0.
/// </summary>
public sealed class PaddedDesign
{
    /// <summary>Padding granularity in doubles (one 512-bit vector).</summary>
    internal const int Lanes = 8;

    /// <summary>Samples n (rows of X).</summary>
    public int N { get; }

    /// <summary>Features d (columns of X, before padding).</summary>
    public int D { get; }

    /// <summary>Doubles per stored row: d rounded up to a multiple of <see cref="Lanes"/>.</summary>
    internal int Stride { get; }

    private readonly ArraySegment<double> _x;

    /// <summary>Row i occupies [i * Stride, i * Stride + Stride); entries past D are zero. Starts a cache line.</summary>
    internal ReadOnlySpan<double> X => _x;

    /// <summary>The first element of <see cref="X"/>, for the kernels' unchecked loads.</summary>
    internal ref double XData => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_x.Array!), _x.Offset);

    /// <summary>The labels y (a copy).</summary>
    internal double[] Y { get; }

    private readonly Lazy<double[]> _rowMaxAbs;

    /// <summary>max_i |x_i| of each row (the b = 1 loops' max |gamma g|), made once for all runs; +infinity for a row with a non-finite entry.</summary>
    internal double[] RowMaxAbs => _rowMaxAbs.Value;

    /// <summary>Copies X (n x d) and y (length n) into the padded layout; sweeps build one per problem and share it.</summary>
    public PaddedDesign(Matrix x, double[] y)
    {
        N = x.Rows;
        D = x.Cols;
        Stride = PaddedLength(D);
        _x = CacheAligned.Segment(N * Stride);
        for (int i = 0; i < N; i++) x.Row(i).CopyTo(_x.AsSpan(i * Stride, D));
        Y = (double[])y.Clone();
        _rowMaxAbs = new(() => Kernels.RowMaxAbs(this));
    }

    /// <summary>d rounded up to a multiple of <see cref="Lanes"/>.</summary>
    internal static int PaddedLength(int d) => (d + Lanes - 1) / Lanes * Lanes;

    /// <summary>Row i with its zero padding (length <see cref="Stride"/>).</summary>
    internal ReadOnlySpan<double> Row(int i) => _x.AsSpan(i * Stride, Stride);

    /// <summary>The full training loss 1/(2n) ||X beta - y||^2 (beta padded to <see cref="Stride"/>).</summary>
    internal double Loss(ReadOnlySpan<double> beta)
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            double r = Kernels.Dot(Row(i), beta) - Y[i];
            sum += r * r;
        }
        return sum / (2.0 * N);
    }
}
