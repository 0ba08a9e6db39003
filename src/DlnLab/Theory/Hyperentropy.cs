namespace DlnLab.Theory;

/// <summary>
/// The hyperbolic entropy of Theorems 2.1 and 2.2 (MATH.md), with scale a (A = a^2 per coordinate):
/// psi_a(beta) = 1/2 sum_i (beta_i arcsinh(beta_i / A_i) - sqrt(beta_i^2 + A_i^2) + A_i), its gradient
/// 1/2 arcsinh(beta / A) and its Bregman divergence. The report prints the last terms as -sqrt(beta^2 + a^4 + a^2),
/// a typo; the constant A_i makes psi(0) = 0 and changes no argmin.
/// Every function has a log-domain twin taking ln(A) = ln(a^2), since A underflows for gains of hundreds.
/// </summary>
/// <remarks>
/// With u = arcsinh(beta / A), one coordinate of D_psi(b1, b2) equals (A/4) [e^{u1} phi(u2 - u1) + e^{-u1} phi(u1 - u2)],
/// phi(t) = e^t - 1 - t >= 0: a sum of two nonnegative terms, so the divergence is computed without cancellation, is
/// never negative and is exactly 0 at b1 = b2. psi itself is D_psi(beta, 0).
/// </remarks>
public static class Hyperentropy
{
    /// <summary>psi_a(beta) for scales a (A = a^2).</summary>
    public static double Value(ReadOnlySpan<double> beta, ReadOnlySpan<double> a) => ValueLog(beta, LnSquares(a));

    /// <summary>psi(beta) from ln(A) = ln(a^2).</summary>
    public static double ValueLog(ReadOnlySpan<double> beta, ReadOnlySpan<double> lnA)
    {
        RequireSameLength(beta.Length, lnA.Length);
        double sum = 0;
        for (int i = 0; i < beta.Length; i++) sum += DivergenceTerm(beta[i], 0, lnA[i]);
        return sum;
    }

    /// <summary>grad psi_a(beta) = 1/2 arcsinh(beta / a^2).</summary>
    public static double[] Gradient(ReadOnlySpan<double> beta, ReadOnlySpan<double> a) => GradientLog(beta, LnSquares(a));

    /// <summary>grad psi(beta) = 1/2 arcsinh(beta / A) from ln(A).</summary>
    public static double[] GradientLog(ReadOnlySpan<double> beta, ReadOnlySpan<double> lnA)
    {
        RequireSameLength(beta.Length, lnA.Length);
        var g = new double[beta.Length];
        for (int i = 0; i < g.Length; i++) g[i] = 0.5 * ArcsinhRatio(beta[i], lnA[i]);
        return g;
    }

    /// <summary>D_psi(b1, b2) = psi(b1) - psi(b2) - &lt;grad psi(b2), b1 - b2&gt; for scales a.</summary>
    public static double BregmanDivergence(ReadOnlySpan<double> b1, ReadOnlySpan<double> b2, ReadOnlySpan<double> a) =>
        BregmanDivergenceLog(b1, b2, LnSquares(a));

    /// <summary>D_psi(b1, b2) from ln(A); nonnegative, 0 exactly when b1 = b2.</summary>
    public static double BregmanDivergenceLog(ReadOnlySpan<double> b1, ReadOnlySpan<double> b2, ReadOnlySpan<double> lnA)
    {
        RequireSameLength(b1.Length, lnA.Length);
        RequireSameLength(b2.Length, lnA.Length);
        double sum = 0;
        for (int i = 0; i < b1.Length; i++) sum += DivergenceTerm(b1[i], b2[i], lnA[i]);
        return sum;
    }

    /// <summary>arcsinh(beta / A) from ln(A), finite whenever beta and ln(A) are, however far apart their scales.</summary>
    public static double ArcsinhRatio(double beta, double lnA)
    {
        if (beta == 0) return 0;
        double logRatio = Math.Log(Math.Abs(beta)) - lnA;
        // Beyond e^20, arcsinh(x) = ln(2x) + 1/(4x^2) + ... and the correction is below double precision.
        if (logRatio > 20) return Math.Sign(beta) * (logRatio + Math.Log(2));
        return Math.Asinh(Math.Sign(beta) * Math.Exp(logRatio));
    }

    /// <summary>One coordinate of D_psi(b1, b2) with A = exp(lnA), as (A/4)[e^{u1} phi(u2 - u1) + e^{-u1} phi(u1 - u2)].</summary>
    public static double DivergenceTerm(double b1, double b2, double lnA)
    {
        double u1 = ArcsinhRatio(b1, lnA), u2 = ArcsinhRatio(b2, lnA);
        double t = u1 - u2;
        double lnQuarterA = lnA - 2 * Math.Log(2);
        return Math.Exp(lnQuarterA + u1 + LogPhi(-t)) + Math.Exp(lnQuarterA - u1 + LogPhi(t));
    }

    /// <summary>ln(e^t - 1 - t); -infinity at t = 0.</summary>
    private static double LogPhi(double t)
    {
        if (t == 0) return double.NegativeInfinity;
        if (t > 30) return t + Math.Log(1 - (1 + t) * Math.Exp(-t));
        if (Math.Abs(t) < 1)
        {
            // Series sum_{k>=2} t^k / k!, free of the cancellation in e^t - 1 - t near 0.
            double term = t * t / 2, sum = term;
            for (int k = 3; k < 40 && Math.Abs(term) > 1e-18 * Math.Abs(sum); k++)
            {
                term *= t / k;
                sum += term;
            }
            return Math.Log(sum);
        }
        return Math.Log(Math.Exp(t) - 1 - t);
    }

    /// <summary>ln(A) = 2 ln(a) per coordinate: the log-domain scale the *Log functions and the dual solver take.</summary>
    internal static double[] LnSquares(ReadOnlySpan<double> a)
    {
        var ln = new double[a.Length];
        for (int i = 0; i < a.Length; i++) ln[i] = 2 * Math.Log(a[i]);
        return ln;
    }

    private static void RequireSameLength(int a, int b)
    {
        if (a != b) throw new ArgumentException($"vectors have lengths {a} and {b}; they must match");
    }
}
