using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// argmin_{b >= 0} ||A b - y||^2 by the active-set method of Lawson and Hanson (1974): coordinates are freed one at a
/// time, the one whose gradient most wants to grow first, and the unconstrained least squares on the free ones is
/// solved (normal equations by Cholesky, one step of iterative refinement); a free coordinate that would turn
/// negative is clamped back to 0 by stepping part of the way. Exact in finitely many steps; the free columns stay
/// linearly independent, so at most min(n, m) are free.
/// </summary>
internal static class NonNegativeLeastSquares
{
    /// <summary>
    /// The minimiser for A (n x m) and y (length n); a coordinate is freed only while its gradient A^T (y - A b)
    /// exceeds <paramref name="relativeTolerance"/> times ||A^T y||_inf.
    /// </summary>
    public static double[] Solve(Matrix a, ReadOnlySpan<double> y, double relativeTolerance = 1e-13)
    {
        int m = a.Cols;
        var b = new double[m];
        var free = new bool[m];
        double scale = MatrixOperations.MaxAbs(a.MultiplyTransposed(y));
        if (m == 0 || scale == 0) return b;
        double tolerance = relativeTolerance * scale;
        var refused = new bool[m];
        for (int outer = 0; outer < 4 * m + 8; outer++)
        {
            var w = a.MultiplyTransposed(Negated(MatrixOperations.Residual(a, b, y)));
            int j = -1;
            for (int i = 0; i < m; i++)
                if (!free[i] && !refused[i] && w[i] > tolerance && (j < 0 || w[i] > w[j])) j = i;
            if (j < 0) return b;
            free[j] = true;
            bool moved = false;
            for (int inner = 0; ; inner++)
            {
                var z = FreeLeastSquares(a, y, free);
                if (z is null || (inner == 0 && z[j] <= 0))
                {
                    // Rounding: the gradient said j should grow but the free columns cannot use it.
                    free[j] = false;
                    refused[j] = true;
                    break;
                }
                moved = true;
                double step = 1;
                int blocking = -1;
                for (int i = 0; i < m; i++)
                    if (free[i] && z[i] <= 0 && b[i] / (b[i] - z[i]) < step)
                    {
                        step = b[i] / (b[i] - z[i]);
                        blocking = i;
                    }
                for (int i = 0; i < m; i++) b[i] = free[i] ? b[i] + step * (z[i] - b[i]) : 0;
                if (step == 1) break;
                // The coordinate that set the step is at 0 by construction (clamped, so rounding cannot keep it free
                // and the inner loop always shrinks the free set); others that reached it with rounding go too.
                if (blocking >= 0)
                {
                    free[blocking] = false;
                    b[blocking] = 0;
                }
                for (int i = 0; i < m; i++)
                    if (free[i] && (b[i] <= 0 || z[i] <= 0 && b[i] <= 1e-15 * scale))
                    {
                        free[i] = false;
                        b[i] = 0;
                    }
            }
            if (moved) Array.Clear(refused); // a coordinate refused once may be freed after b has moved
        }
        throw new SolverException($"non-negative least squares did not settle in {4 * m + 8} passes over {m} coordinates");
    }

    /// <summary>The least-squares minimiser over the free coordinates (0 elsewhere); null when their columns are dependent.</summary>
    private static double[]? FreeLeastSquares(Matrix a, ReadOnlySpan<double> y, bool[] free)
    {
        var columns = Enumerable.Range(0, a.Cols).Where(i => free[i]).ToArray();
        int n = a.Rows, k = columns.Length;
        if (k > n) return null;
        var gram = new Matrix(k, k);
        for (int p = 0; p < k; p++)
            for (int q = 0; q <= p; q++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++) sum += a[r, columns[p]] * a[r, columns[q]];
                gram[p, q] = sum;
                gram[q, p] = sum;
            }
        if (!Cholesky.TryFactor(gram, out var factor)) return null;
        var z = new double[a.Cols];
        for (int pass = 0; pass < 2; pass++)
        {
            // pass 0 solves the normal equations; pass 1 refines with the residual of the first solution.
            var residual = Negated(MatrixOperations.Residual(a, z, y));
            var rhs = new double[k];
            for (int p = 0; p < k; p++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++) sum += a[r, columns[p]] * residual[r];
                rhs[p] = sum;
            }
            var correction = factor.Solve(rhs);
            for (int p = 0; p < k; p++) z[columns[p]] += correction[p];
        }
        return z;
    }

    private static double[] Negated(double[] v)
    {
        for (int i = 0; i < v.Length; i++) v[i] = -v[i];
        return v;
    }
}
