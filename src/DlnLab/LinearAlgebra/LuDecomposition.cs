using System.Diagnostics.CodeAnalysis;
namespace DlnLab.LinearAlgebra;

/// <summary>
/// LU factorisation with partial pivoting, P A = L U, of a square matrix: solves A x = b and A^T x = b. Used where the
/// matrix is not symmetric (simplex bases).
/// </summary>
public sealed class LuDecomposition
{
    private readonly double[] _lu;
    private readonly int[] _pivot;

    /// <summary>The order n of the factored matrix.</summary>
    public int Size { get; }

    /// <summary>Smallest |U_ii| over largest: a cheap indicator of (near) singularity.</summary>
    public double PivotRatio { get; }

    private LuDecomposition(double[] lu, int[] pivot, int size, double pivotRatio)
    {
        _lu = lu;
        _pivot = pivot;
        Size = size;
        PivotRatio = pivotRatio;
    }

    /// <summary>Factors A; false when a pivot is exactly zero or not finite.</summary>
    public static bool TryFactor(Matrix a, [NotNullWhen(true)] out LuDecomposition? factor)
    {
        if (a.Rows != a.Cols) throw new ArgumentException($"matrix is {a.Rows} x {a.Cols}; LU needs a square one", nameof(a));
        int n = a.Rows;
        var lu = (double[])a.Data.Clone();
        var pivot = new int[n];
        double minPivot = double.PositiveInfinity, maxPivot = 0;
        factor = null;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(lu[i * n + k]);
                if (v > best) { best = v; p = i; }
            }
            if (!(best > 0) || !double.IsFinite(best)) return false;
            pivot[k] = p;
            if (p != k)
                for (int j = 0; j < n; j++) (lu[k * n + j], lu[p * n + j]) = (lu[p * n + j], lu[k * n + j]);
            double pivotValue = lu[k * n + k];
            minPivot = Math.Min(minPivot, best);
            maxPivot = Math.Max(maxPivot, best);
            var rowK = lu.AsSpan(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                double f = lu[i * n + k] / pivotValue;
                lu[i * n + k] = f;
                if (f == 0) continue;
                var rowI = lu.AsSpan(i * n + k + 1, n - k - 1);
                for (int j = 0; j < rowI.Length; j++) rowI[j] -= f * rowK[j];
            }
        }
        factor = new LuDecomposition(lu, pivot, n, n == 0 ? 1 : minPivot / maxPivot);
        return true;
    }

    /// <summary>Solves A x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"right-hand side must have length {n}");
        var x = b.ToArray();
        for (int k = 0; k < n; k++)
            if (_pivot[k] != k) (x[k], x[_pivot[k]]) = (x[_pivot[k]], x[k]);
        for (int i = 0; i < n; i++)
        {
            double s = x[i];
            for (int j = 0; j < i; j++) s -= _lu[i * n + j] * x[j];
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int j = i + 1; j < n; j++) s -= _lu[i * n + j] * x[j];
            x[i] = s / _lu[i * n + i];
        }
        return x;
    }

    /// <summary>Solves A^T x = b.</summary>
    public double[] SolveTransposed(ReadOnlySpan<double> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"right-hand side must have length {n}");
        var x = b.ToArray();
        // A^T = U^T L^T P: solve U^T z = b, L^T w = z, then x = P^T w.
        for (int i = 0; i < n; i++)
        {
            double s = x[i];
            for (int j = 0; j < i; j++) s -= _lu[j * n + i] * x[j];
            x[i] = s / _lu[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int j = i + 1; j < n; j++) s -= _lu[j * n + i] * x[j];
            x[i] = s;
        }
        for (int k = n - 1; k >= 0; k--)
            if (_pivot[k] != k) (x[k], x[_pivot[k]]) = (x[_pivot[k]], x[k]);
        return x;
    }

    /// <summary>A^{-1}, column by column.</summary>
    public Matrix Inverse()
    {
        int n = Size;
        var inv = new Matrix(n, n);
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var col = Solve(e);
            for (int i = 0; i < n; i++) inv[i, j] = col[i];
        }
        return inv;
    }
}
