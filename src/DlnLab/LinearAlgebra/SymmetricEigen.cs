using System.Numerics.Tensors;

namespace DlnLab.LinearAlgebra;

/// <summary>
/// Eigenvalues of a dense symmetric matrix: Householder reduction to tridiagonal form, then implicit symmetric QR
/// steps with Wilkinson shifts (Golub and Van Loan, Matrix Computations, 4th ed., Algorithms 8.3.1 and 8.3.2).
/// O(n^3).
/// </summary>
public static class SymmetricEigen
{
    /// <summary>All eigenvalues in ascending order. Only the lower triangle of A is trusted to be the symmetric one; A is not modified.</summary>
    public static double[] Eigenvalues(Matrix a)
    {
        if (a.Rows != a.Cols) throw new ArgumentException($"matrix is {a.Rows} x {a.Cols}; eigenvalues need a square one", nameof(a));
        int n = a.Rows;
        if (n == 0) return [];
        var work = Symmetrized(a);
        var diag = new double[n];
        var off = new double[Math.Max(n - 1, 0)];
        Tridiagonalize(work, n, diag, off);
        TridiagonalQr(diag, off);
        Array.Sort(diag);
        return diag;
    }

    /// <summary>The largest eigenvalue of a symmetric matrix.</summary>
    public static double LargestEigenvalue(Matrix a)
    {
        var values = Eigenvalues(a);
        return values.Length == 0 ? double.NaN : values[^1];
    }

    private static double[] Symmetrized(Matrix a)
    {
        int n = a.Rows;
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                w[i * n + j] = w[j * n + i] = a[i, j];
        return w;
    }

    // Householder reflections H_k = I - tau v v^T zero column k below the subdiagonal; the trailing block is updated
    // by the symmetric rank-two correction A <- A - v w^T - w v^T.
    private static void Tridiagonalize(double[] m, int n, double[] diag, double[] off)
    {
        var v = new double[n];
        var p = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int start = k + 1, len = n - start;
            double alphaNorm = 0;
            for (int i = start; i < n; i++) alphaNorm = double.Hypot(alphaNorm, m[i * n + k]);
            double x0 = m[start * n + k];
            if (alphaNorm == 0)
            {
                off[k] = 0;
                continue;
            }
            double beta = x0 >= 0 ? -alphaNorm : alphaNorm;
            // v = x - beta e_1, scaled so v_0 = 1; tau = (beta - x0) / beta.
            double v0 = x0 - beta;
            var vs = v.AsSpan(0, len);
            for (int i = 0; i < len; i++) vs[i] = m[(start + i) * n + k] / v0;
            vs[0] = 1;
            double tau = (beta - x0) / beta;
            off[k] = beta;
            var ps = p.AsSpan(0, len);
            for (int i = 0; i < len; i++) ps[i] = tau * TensorPrimitives.Dot<double>(m.AsSpan((start + i) * n + start, len), vs);
            double kappa = 0.5 * tau * TensorPrimitives.Dot<double>(ps, vs);
            for (int i = 0; i < len; i++) ps[i] -= kappa * vs[i]; // ps is now w
            for (int i = 0; i < len; i++)
            {
                var row = m.AsSpan((start + i) * n + start, len);
                TensorPrimitives.MultiplyAdd(ps, -vs[i], row, row);
                TensorPrimitives.MultiplyAdd(vs, -ps[i], row, row);
            }
        }
        for (int i = 0; i < n; i++) diag[i] = m[i * n + i];
        if (n >= 2) off[n - 2] = m[(n - 1) * n + (n - 2)];
    }

    private static void TridiagonalQr(double[] d, double[] e)
    {
        int n = d.Length;
        int hi = n - 1;
        int budget = 60 * n + 60;
        while (hi > 0)
        {
            for (int i = 0; i < hi; i++)
                if (Math.Abs(e[i]) <= double.Epsilon * 4 || Math.Abs(e[i]) <= 1e-16 * (Math.Abs(d[i]) + Math.Abs(d[i + 1]))) e[i] = 0;
            while (hi > 0 && e[hi - 1] == 0) hi--;
            if (hi == 0) break;
            int lo = hi - 1;
            while (lo > 0 && e[lo - 1] != 0) lo--;
            if (--budget < 0) throw new InvalidOperationException("symmetric tridiagonal QR did not converge");

            double dd = (d[hi - 1] - d[hi]) / 2, t = e[hi - 1];
            double mu = d[hi] - t * t / (dd + (dd >= 0 ? 1 : -1) * double.Hypot(dd, t));
            double x = d[lo] - mu, z = e[lo];
            for (int k = lo; k < hi; k++)
            {
                double r = double.Hypot(x, z);
                double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : -z / r;
                if (k > lo) e[k - 1] = r;
                double a = d[k], b = e[k], cc = d[k + 1];
                d[k] = c * c * a - 2 * c * s * b + s * s * cc;
                d[k + 1] = s * s * a + 2 * c * s * b + c * c * cc;
                e[k] = c * s * (a - cc) + (c * c - s * s) * b;
                if (k < hi - 1)
                {
                    z = -s * e[k + 1];
                    e[k + 1] *= c;
                    x = e[k];
                }
            }
        }
    }
}
