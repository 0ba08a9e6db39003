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

    /// <summary>The largest stepsize for which GD is locally stable at a point of this sharpness: 2 / lambda_max.</summary>
    public static double GdStabilityThreshold(double sharpness) => 2 / sharpness;

    private static double Sharpness(Matrix x, double[] weights)
    {
        var g = MatrixOperations.WeightedGram(x, weights);
        double n = x.Rows;
        for (int i = 0; i < g.Data.Length; i++) g.Data[i] /= n;
        return SymmetricEigen.LargestEigenvalue(g);
    }
}
