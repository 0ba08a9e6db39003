using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// The design X stored for the kernels: rows padded with zeros to a multiple of <see cref="Lanes"/> so the vector
/// loops have no tail. A padded coordinate has x = 0, hence g = 0, and stays at w+ = w- = 1, beta = 0.
/// </summary>
public sealed class PaddedDesign
{
    /// <summary>Padding granularity in doubles (one 512-bit vector).</summary>
    public const int Lanes = 8;

    public int N { get; }
    public int D { get; }
    public int Stride { get; }
    /// <summary>Row i occupies [i * Stride, i * Stride + Stride); entries past D are zero.</summary>
    public double[] X { get; }
    public double[] Y { get; }

    public PaddedDesign(Matrix x, double[] y)
    {
        N = x.Rows;
        D = x.Cols;
        Stride = PaddedLength(D);
        X = CacheAligned.Doubles(N * Stride);
        for (int i = 0; i < N; i++) x.Row(i).CopyTo(X.AsSpan(i * Stride, D));
        Y = (double[])y.Clone();
    }

    public static int PaddedLength(int d) => (d + Lanes - 1) / Lanes * Lanes;

    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * Stride, Stride);

    /// <summary>The full training loss 1/(2n) ||X beta - y||^2 (beta padded to <see cref="Stride"/>).</summary>
    public double Loss(ReadOnlySpan<double> beta)
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
