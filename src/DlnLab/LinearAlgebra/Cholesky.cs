using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;

namespace DlnLab.LinearAlgebra;

/// <summary>
/// Cholesky factorisation A = L L^T of a symmetric positive definite n x n matrix, and solves with it. When A is not
/// numerically positive definite, <see cref="Factor"/> adds the smallest diagonal jitter (from 1e-14 times the
/// largest diagonal entry, growing tenfold) that lets the factorisation through, and reports it in <see cref="Jitter"/>.
/// </summary>
public sealed class Cholesky
{
    private const double FirstRelativeJitter = 1e-14;
    private const double LastRelativeJitter = 1e-4;

    // Row-major lower triangle; entries above the diagonal are zero.
    private readonly double[] _l;

    /// <summary>The order n of the factored matrix.</summary>
    public int Size { get; }

    /// <summary>The diagonal shift actually factored, A + Jitter I; 0 when A itself was positive definite.</summary>
    public double Jitter { get; }

    private Cholesky(double[] l, int size, double jitter)
    {
        _l = l;
        Size = size;
        Jitter = jitter;
    }

    /// <summary>Factors A exactly as given (only its lower triangle is read); false when A is not numerically positive definite.</summary>
    public static bool TryFactor(Matrix a, [NotNullWhen(true)] out Cholesky? factor)
    {
        RequireSquare(a);
        var l = new double[a.Data.Length];
        factor = TryFactorInto(a, 0, l) ? new Cholesky(l, a.Rows, 0) : null;
        return factor is not null;
    }

    /// <summary>
    /// Factors A, or A + jitter I with the smallest tried jitter that succeeds. Throws <see cref="ArgumentException"/>
    /// if A has non-finite entries or stays indefinite even with a jitter of 1e-4 times its largest diagonal entry.
    /// </summary>
    public static Cholesky Factor(Matrix a)
    {
        RequireSquare(a);
        int n = a.Rows;
        var l = new double[a.Data.Length];
        if (TryFactorInto(a, 0, l)) return new Cholesky(l, n, 0);
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(a[i, i]));
        if (!double.IsFinite(scale)) throw new ArgumentException("matrix has non-finite diagonal entries", nameof(a));
        if (scale == 0) scale = 1;
        for (double rel = FirstRelativeJitter; rel <= LastRelativeJitter * 1.0001; rel *= 10)
            if (TryFactorInto(a, rel * scale, l)) return new Cholesky(l, n, rel * scale);
        throw new ArgumentException($"matrix ({n} x {n}) is not positive definite, even with a diagonal jitter of {LastRelativeJitter} times its largest diagonal entry", nameof(a));
    }

    private static void RequireSquare(Matrix a)
    {
        if (a.Rows != a.Cols) throw new ArgumentException($"matrix is {a.Rows} x {a.Cols}; Cholesky needs a square one", nameof(a));
    }

    // Row-by-row (Cholesky-Banachiewicz): every inner product is over two contiguous row prefixes.
    private static bool TryFactorInto(Matrix a, double jitter, double[] l)
    {
        int n = a.Rows;
        Array.Clear(l);
        for (int i = 0; i < n; i++)
        {
            var rowI = l.AsSpan(i * n, n);
            for (int j = 0; j < i; j++)
            {
                double s = a[i, j] - TensorPrimitives.Dot<double>(rowI[..j], l.AsSpan(j * n, j));
                rowI[j] = s / l[j * n + j];
            }
            double diag = a[i, i] + jitter - TensorPrimitives.Dot<double>(rowI[..i], rowI[..i]);
            if (!(diag > 0) || !double.IsFinite(diag)) return false;
            rowI[i] = Math.Sqrt(diag);
        }
        return true;
    }

    /// <summary>Solves (L L^T) x = b; x may alias b.</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        int n = Size;
        if (b.Length != n || x.Length != n) throw new ArgumentException($"right-hand side must have length {n}");
        if (!b.Overlaps(x)) b.CopyTo(x);
        for (int i = 0; i < n; i++) // L z = b
            x[i] = (x[i] - TensorPrimitives.Dot<double>(_l.AsSpan(i * n, i), x[..i])) / _l[i * n + i];
        for (int i = n - 1; i >= 0; i--) // L^T x = z, column access of L
        {
            double xi = x[i] / _l[i * n + i];
            x[i] = xi;
            for (int k = 0; k < i; k++) x[k] -= _l[i * n + k] * xi;
        }
    }

    /// <summary>Returns x with (L L^T) x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x);
        return x;
    }
}
