namespace DlnLab.Problems;

/// <summary>
/// The distribution of a generated problem's inputs: x ~ N(mu 1, Sigma) with Sigma_ij = rho^|i-j| (Toeplitz; rho = 0
/// is the identity). Sampled from z ~ N(0, I) by the AR(1) recursion x_1 = z_1, x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j,
/// then shifted by mu on every coordinate; that recursion is x = L z with L L^T = Sigma.
/// </summary>
/// <param name="Mean">mu: every coordinate's mean (0: centered inputs).</param>
/// <param name="Correlation">rho in (-1, 1): the correlation of neighbouring coordinates (0: independent).</param>
public sealed record GaussianInputs(double Mean, double Correlation)
{
    /// <summary>Standard Gaussian inputs: mu = 0, rho = 0.</summary>
    public static GaussianInputs Isotropic { get; } = new(0, 0);

    /// <summary>True for mu = 0 and rho = 0 (x ~ N(0, I)).</summary>
    public bool IsIsotropic => Mean == 0 && Correlation == 0;

    /// <summary>Turns a row of independent standard Gaussians z into a sample x of this distribution, in place.</summary>
    public void Transform(Span<double> row)
    {
        if (Correlation != 0)
        {
            double c = Math.Sqrt(1 - Correlation * Correlation);
            for (int j = 1; j < row.Length; j++) row[j] = Correlation * row[j - 1] + c * row[j];
        }
        if (Mean != 0)
            for (int j = 0; j < row.Length; j++) row[j] += Mean;
    }

    /// <summary>
    /// v^T (Sigma + mu mu^T) v = ||L^T v||^2 + mu^2 (sum_i v_i)^2, in O(d): (L^T v)_j = c_j t_j with t_d = v_d,
    /// t_j = v_j + rho t_{j+1}, c_1 = 1 and c_j = sqrt(1 - rho^2) for j > 1.
    /// </summary>
    public double SecondMoment(ReadOnlySpan<double> v)
    {
        double c2 = 1 - Correlation * Correlation, t = 0, form = 0, sum = 0;
        for (int j = v.Length - 1; j >= 0; j--)
        {
            t = v[j] + Correlation * t;
            form += (j == 0 ? 1 : c2) * t * t;
            sum += v[j];
        }
        return form + Mean * Mean * sum * sum;
    }

    /// <summary>
    /// The exact population loss E[(y - &lt;beta, x&gt;)^2] / 2 for y = &lt;beta*, x&gt; + eps, eps ~ N(0, sigma^2):
    /// 1/2 (beta - beta*)^T (Sigma + mu mu^T) (beta - beta*) + sigma^2 / 2.
    /// </summary>
    public double PopulationLoss(ReadOnlySpan<double> beta, ReadOnlySpan<double> betaStar, double sigma)
    {
        if (beta.Length != betaStar.Length) throw new ArgumentException("beta and beta* must have the same length");
        var diff = new double[beta.Length];
        for (int i = 0; i < diff.Length; i++) diff[i] = beta[i] - betaStar[i];
        return 0.5 * SecondMoment(diff) + 0.5 * sigma * sigma;
    }
}
