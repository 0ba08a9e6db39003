using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The stepsize scale of the convergence guarantee of Even, Pesme, Gunasekar and Flammarion (2023; the report's
/// Theorem 2.2 says only "a threshold depending on a smoothness parameter"): (S)GD converges for gamma_k &lt;= c / (L B),
/// with L the smoothness of the batch losses, B a bound of the order of ||beta*||_inf on the iterates and c a numerical
/// constant that is not given explicitly. Without c the guaranteed threshold cannot be computed; what is computable is
/// its scale 1 / (L B), with L an upper bound on the batch smoothness (so the scale errs on the safe side) and B the
/// sup norm of the minimum-l1 interpolator (the limit as alpha -> 0).
/// </summary>
public static class ConvergenceThreshold
{
    /// <summary>
    /// An upper bound on max over b-subsets B of lambda_max((1/b) X_B^T X_B): the smaller of the mean of the b largest
    /// ||x_i||^2 (the trace bound; exact for b = 1) and (n / b) lambda_max((1/n) X X^T) (since X_B^T X_B &lt;= X^T X;
    /// exact for b = n).
    /// </summary>
    public static double BatchSmoothness(Matrix x, int batchSize)
    {
        int n = x.Rows;
        if (batchSize < 1 || batchSize > n) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"must be in [1, n] = [1, {n}]");
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            double s = 0;
            foreach (double e in row) s += e * e;
            norms[i] = s;
        }
        double trace = norms.OrderDescending().Take(batchSize).Average();
        double spectral = (double)n / batchSize * Stability.GramSharpness(x);
        return Math.Min(trace, spectral);
    }

    /// <summary>1 / (L B): the scale of the guaranteed threshold c / (L B), for smoothness L > 0 and bound B > 0.</summary>
    public static double GuaranteeScale(double smoothness, double bound) => 1 / (smoothness * bound);

    /// <summary>
    /// 2 / lambda_max of the Hessian of F at the report's start u0 = sqrt(2) alpha, v0 = 0 (weights u^2 + v^2 = 2 alpha^2):
    /// the GD stability threshold at initialisation.
    /// </summary>
    public static double GdStabilityAtStart(Matrix x, ReadOnlySpan<double> alpha)
    {
        if (alpha.Length != x.Cols) throw new ArgumentException($"alpha has {alpha.Length} entries but X has {x.Cols} columns", nameof(alpha));
        var u = new double[x.Cols];
        for (int j = 0; j < u.Length; j++) u[j] = Math.Sqrt(2) * alpha[j];
        return Stability.GdStabilityThreshold(Stability.SharpnessAt(x, u, new double[x.Cols]));
    }
}
