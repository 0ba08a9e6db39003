using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// Local stability of GD at an interpolator (MATH.md): the Hessian of F in w-space there is (1/n) J^T J with rows of J
/// [x_i ⊙ v, x_i ⊙ u]. Its nonzero spectrum is that of the n x n matrix (1/n) J J^T = (1/n) X diag(u^2 + v^2) X^T,
/// and u^2 + v^2 = w+^2 + w-^2 = 2 sqrt(beta^2 + alpha_inf^4). GD is locally stable for gamma &lt; 2 / lambda_max.
/// </summary>
public static class Stability
{
    /// <summary>lambda_max((1/n) X diag(u^2 + v^2) X^T): the sharpness at weights (u, v) of an interpolator.</summary>
    public static double SharpnessAt(Matrix x, double[] u, double[] v)
    {
        if (u.Length != x.Cols || v.Length != x.Cols) throw new ArgumentException($"u and v must have length d = {x.Cols}");
        var w = new double[x.Cols];
        for (int j = 0; j < w.Length; j++) w[j] = u[j] * u[j] + v[j] * v[j];
        return Sharpness(x, w);
    }

    /// <summary>The sharpness at the interpolator beta with effective scale ln(alpha_inf^2), weights 2 sqrt(beta^2 + alpha_inf^4).</summary>
    public static double SharpnessAtInterpolator(Matrix x, double[] beta, double[] lnAlphaInfSquared)
    {
        if (beta.Length != x.Cols || lnAlphaInfSquared.Length != x.Cols) throw new ArgumentException($"beta and lnAlphaInfSquared must have length d = {x.Cols}");
        var w = new double[x.Cols];
        for (int j = 0; j < w.Length; j++) w[j] = 2 * double.Hypot(beta[j], Math.Exp(lnAlphaInfSquared[j]));
        return Sharpness(x, w);
    }

    /// <summary>
    /// The sharpness at any iterate of the uv model: lambda_max of the full Hessian of F(u, v) = 1/(2n) ||X (u ⊙ v) - y||^2,
    /// from beta and ln A (A = |w+ w-| = alpha_inf,k^2), which give w+^2 = sqrt(beta^2 + A^2) + beta and
    /// w-^2 = sqrt(beta^2 + A^2) - beta. In the rotated coordinates the Hessian is (1/n) K^T K + diag(g, -g) with
    /// K = [X diag(w+), -X diag(w-)] and g = (1/n) X^T (X beta - y). Its largest eigenvalue is max|g| or the largest
    /// lambda > max|g| where lambda_max(M(lambda)) = 1, M(lambda) = (1/n) X diag(w+^2/(lambda - g) + w-^2/(lambda + g)) X^T
    /// (n x n, decreasing in lambda), found by the Illinois regula falsi on 1 - 1/lambda_max(M(lambda)) in [max|g|, max|g| + lambda_max((1/n) X diag(w+^2 + w-^2) X^T)].
    /// At an interpolator (g = 0) it is <see cref="SharpnessAtInterpolator"/>. O(n^2 d + n^3) per step of it. NaN
    /// where it does not exist: a non-finite iterate or residual (a diverging run).
    /// </summary>
    public static double SharpnessAtIterate(Matrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> beta, ReadOnlySpan<double> lnAlphaInfSquared)
    {
        // A trajectory is recorded in the middle of a sweep: an eigenvalue iteration that fails is a missing value, not a fault.
        try { return SharpnessOrThrow(x, y, beta, lnAlphaInfSquared); }
        catch (InvalidOperationException) { return double.NaN; }
    }

    private static double SharpnessOrThrow(Matrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> beta, ReadOnlySpan<double> lnAlphaInfSquared)
    {
        int n = x.Rows, d = x.Cols;
        if (beta.Length != d || lnAlphaInfSquared.Length != d || y.Length != n) throw new ArgumentException($"beta and ln A must have length d = {d}, y length n = {n}");
        var residual = MatrixOperations.Residual(x, beta, y);
        var g = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++) g[j] += residual[i] * row[j] / n;
        }
        var plus = new double[d];
        var minus = new double[d];
        for (int j = 0; j < d; j++)
        {
            double a = Math.Exp(lnAlphaInfSquared[j]), b = beta[j], h = double.Hypot(b, a);
            // The larger square as a sum, the smaller as A^2 over it: no cancellation.
            if (b >= 0) { plus[j] = b + h; minus[j] = h == 0 ? 0 : a / (b + h) * a; }
            else { minus[j] = h - b; plus[j] = a / (h - b) * a; }
        }
        double gMax = MatrixOperations.MaxAbs(g);
        if (!double.IsFinite(gMax) || !plus.All(double.IsFinite) || !minus.All(double.IsFinite)) return double.NaN;
        var weights = new double[d];
        for (int j = 0; j < d; j++) weights[j] = plus[j] + minus[j];
        double gaussNewton = Sharpness(x, weights);
        if (!double.IsFinite(gaussNewton)) return double.NaN;
        double lo = gMax, hi = gMax + gaussNewton;
        double Top(double lambda)
        {
            for (int j = 0; j < d; j++) weights[j] = plus[j] / (lambda - g[j]) + minus[j] / (lambda + g[j]);
            return Sharpness(x, weights);
        }
        lo += (hi - lo) * 1e-12;
        // The root of 1 - 1/lambda_max(M(lambda)): M falls like C / (lambda - g) near the poles and like G / lambda far
        // from them, so this function is nearly linear in lambda and regula falsi takes a few steps.
        double Gap(double lambda) => 1 - 1 / Top(lambda);
        double fLo = Gap(lo), fHi = Gap(hi);
        if (!(hi > lo) || fLo <= 0) return gMax;
        if (fHi >= 0) return hi;
        // Regula falsi with the Illinois modification on the bracket [lo, hi] (f(lo) > 0 > f(hi)): superlinear, and
        // never leaves the bracket. It stops when a step moves the estimate by less than 1e-14 of it.
        int side = 0;
        double previous = double.NaN;
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * hi; iteration++)
        {
            double next = (lo * fHi - hi * fLo) / (fHi - fLo);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            double f = Gap(next);
            if (f == 0 || Math.Abs(next - previous) <= 1e-14 * next) return next;
            previous = next;
            if (f > 0)
            {
                lo = next; fLo = f;
                if (side == 1) fHi *= 0.5;
                side = 1;
            }
            else
            {
                hi = next; fHi = f;
                if (side == -1) fLo *= 0.5;
                side = -1;
            }
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The largest stepsize for which GD is locally stable at a point of this sharpness: 2 / lambda_max.</summary>
    public static double GdStabilityThreshold(double sharpness) => 2 / sharpness;

    private static double Sharpness(Matrix x, double[] weights) => LargestEigenvalueOverN(MatrixOperations.WeightedGram(x, weights), x.Rows);

    /// <summary>lambda_max((1/n) X X^T): the unweighted form (the smoothness of the full training loss in beta).</summary>
    internal static double GramSharpness(Matrix x) => LargestEigenvalueOverN(MatrixOperations.Gram(x), x.Rows);

    // lambda_max(G / n), dividing G in place.
    private static double LargestEigenvalueOverN(Matrix g, double n)
    {
        for (int i = 0; i < g.Data.Length; i++) g.Data[i] /= n;
        return SymmetricEigen.LargestEigenvalue(g);
    }
}
