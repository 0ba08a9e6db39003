using System.Numerics.Tensors;

namespace DlnLab.LinearAlgebra;

/// <summary>Small dense helpers the solvers share: weighted Gram matrices X diag(w) X^T, norms, transposes.</summary>
public static class MatrixOperations
{
    /// <summary>
    /// From this many entries of X (n d) on, Gram matrices are summed in tiles (<see cref="BlockedGram"/>): below it,
    /// one dot product per entry, as the report-sized problems always were.
    /// </summary>
    internal const long BlockedFrom = 1 << 16;

    /// <summary>G = X diag(w) X^T (n x n for X n x d), symmetric by construction.</summary>
    public static Matrix WeightedGram(Matrix x, ReadOnlySpan<double> w)
    {
        int n = x.Rows, d = x.Cols;
        if (w.Length != d) throw new ArgumentException($"weights have length {w.Length}; X has {d} columns", nameof(w));
        if (Blocked(x)) return BlockedOf(x, w);
        var scaled = new double[n * d];
        for (int i = 0; i < n; i++)
            TensorPrimitives.Multiply(x.Data.AsSpan(i * d, d), w, scaled.AsSpan(i * d, d));
        return GramOf(x, scaled);
    }

    /// <summary>G = X X^T.</summary>
    public static Matrix Gram(Matrix x) => Blocked(x) ? BlockedOf(x, []) : GramOf(x, x.Data);

    private static bool Blocked(Matrix x) => (long)x.Rows * x.Cols >= BlockedFrom;

    private static Matrix BlockedOf(Matrix x, ReadOnlySpan<double> w)
    {
        var g = new Matrix(x.Rows, x.Rows);
        BlockedGram.Fill(x, w, g);
        return g;
    }

    private static Matrix GramOf(Matrix x, double[] scaledRows)
    {
        int n = x.Rows, d = x.Cols;
        var g = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            var si = scaledRows.AsSpan(i * d, d);
            for (int j = 0; j <= i; j++)
            {
                double v = TensorPrimitives.Dot<double>(si, x.Data.AsSpan(j * d, d));
                g.Data[i * n + j] = v;
                g.Data[j * n + i] = v;
            }
        }
        return g;
    }

    /// <summary>A^T.</summary>
    public static Matrix Transpose(Matrix a)
    {
        var t = new Matrix(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                t.Data[j * a.Rows + i] = a.Data[i * a.Cols + j];
        return t;
    }

    /// <summary>max_i |x_i| (the infinity norm); 0 for an empty vector, NaN if any entry is NaN.</summary>
    public static double MaxAbs(ReadOnlySpan<double> x) => x.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(x));

    /// <summary>The Euclidean norm, without overflow for large entries.</summary>
    public static double Norm2(ReadOnlySpan<double> x)
    {
        double scale = MaxAbs(x);
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        double s = 0;
        foreach (double v in x) s += (v / scale) * (v / scale);
        return scale * Math.Sqrt(s);
    }

    /// <summary>||a - b||_2.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("vectors differ in length");
        var diff = new double[a.Length];
        TensorPrimitives.Subtract(a, b, diff);
        return Norm2(diff);
    }

    /// <summary>||a - reference||_2 / ||reference||_2, the denominator floored at 1e-300 so a zero reference gives no NaN.</summary>
    public static double RelativeDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> reference) =>
        Distance(a, reference) / Math.Max(Norm2(reference), 1e-300);

    /// <summary>r = X beta - y.</summary>
    public static double[] Residual(Matrix x, ReadOnlySpan<double> beta, ReadOnlySpan<double> y)
    {
        var r = x.Multiply(beta);
        TensorPrimitives.Subtract(r, y, r);
        return r;
    }

    /// <summary>||X beta - y|| / ||y||: how far beta is from interpolating.</summary>
    public static double RelativeResidual(Matrix x, ReadOnlySpan<double> beta, ReadOnlySpan<double> y) =>
        Norm2(Residual(x, beta, y)) / Math.Max(Norm2(y), 1e-300);
}
