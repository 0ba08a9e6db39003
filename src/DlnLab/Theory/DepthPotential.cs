namespace DlnLab.Theory;

/// <summary>
/// Woodworth et al.'s potential of the depth-D model beta = w+^D - w-^D, w±0 = alpha (MATH.md, "Depth D"): gradient
/// flow ends at argmin_{X beta = y} Q_D(beta), Q_D(beta) = sum_i alpha_i^D q_D(beta_i / alpha_i^D), q_D(b) = ∫_0^b h_D^{-1},
/// with the link h_D(z) = (1 - z)^(-p) - (1 + z)^(-p), p = D/(D - 2), on (-1, 1) for D >= 3. For D = 2 the link is
/// h_2(z) = 2 sinh(z) on the whole line and q_2(b) = 2 - sqrt(4 + b^2) + b arcsinh(b/2), Woodworth's closed form.
/// </summary>
/// <remarks>
/// With a = atanh(z) and L = ln(1 - z^2), the link is evaluated as 2 e^{-pL/2} sinh(p a), its derivative as
/// 2p e^{-(p+1)L/2} cosh((p+1) a) and the dual potential H_D (H_D' = h_D, closed form
/// H_D(z) = (D-2)/2 [(1 - z)^(-r) + (1 + z)^(-r)], r = 2/(D-2)) as (D-2) e^{-rL/2} cosh(r a): no cancellation near z = 0.
/// q_D(b) = b z - H_D(z) + H_D(0) at z = h_D^{-1}(b) (Legendre duality), so only the inverse of h_D is numerical.
/// </remarks>
public static class DepthPotential
{
    /// <summary>h_D(z); D = 2: 2 sinh(z); D >= 3: NaN outside (-1, 1).</summary>
    public static double Link(int depth, double z) => LinkTerms(depth, z, 0).Link;

    /// <summary>h_D'(z) > 0.</summary>
    public static double LinkDerivative(int depth, double z) => LinkTerms(depth, z, 0).Derivative;

    /// <summary>H_D(z) with H_D' = h_D: (D-2)/2 [(1 - z)^(-r) + (1 + z)^(-r)], or 2 cosh(z) for D = 2.</summary>
    public static double DualPotential(int depth, double z) => LinkTerms(depth, z, 0).Potential;

    /// <summary>
    /// exp(lnScale) times h_D(z), h_D'(z) and H_D(z), the scale folded into the exponent so that neither factor overflows
    /// on its own; NaN (and +infinity for the potential) outside the domain.
    /// </summary>
    public static (double Link, double Derivative, double Potential) LinkTerms(int depth, double z, double lnScale)
    {
        RequireDepth(depth);
        if (depth == 2)
            return (EffectiveInitialization.ScaledSinh(lnScale + Math.Log(2), z), EffectiveInitialization.ScaledCosh(lnScale + Math.Log(2), z),
                EffectiveInitialization.ScaledCosh(lnScale + Math.Log(2), z));
        if (!(Math.Abs(z) < 1)) return (double.NaN, double.NaN, double.PositiveInfinity);
        double p = (double)depth / (depth - 2), r = p - 1;
        double a = Math.Atanh(z), l = Math.Log((1 - z) * (1 + z));
        return (2 * Math.Sinh(p * a) * Math.Exp(lnScale - p / 2 * l),
            2 * p * Math.Cosh((p + 1) * a) * Math.Exp(lnScale - (p + 1) / 2 * l),
            (depth - 2) * Math.Cosh(r * a) * Math.Exp(lnScale - r / 2 * l));
    }

    /// <summary>
    /// h_D^{-1}(b): the z with h_D(z) = b (arcsinh(b/2) for D = 2); for D >= 3 by Newton's method safeguarded by
    /// bisection on a bracket in [0, 1), to the resolution of z in double precision.
    /// </summary>
    public static double InverseLink(int depth, double b)
    {
        RequireDepth(depth);
        if (double.IsNaN(b)) return double.NaN;
        if (depth == 2) return Math.Asinh(b / 2);
        if (b == 0) return 0;
        double target = Math.Abs(b), p = (double)depth / (depth - 2);
        if (double.IsPositiveInfinity(target)) return Math.CopySign(1, b);
        // h_D(z) ~ 2p z near 0 and ~ (1 - z)^(-p) near 1: start from the larger of the two estimates' inverses.
        double z = Math.Clamp(Math.Max(Math.Min(target / (2 * p), 0.5), 1 - Math.Pow(target, -1 / p)), 0, Math.BitDecrement(1.0));
        double lo = 0, hi = 1;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double f = Link(depth, z) - target;
            if (f == 0) break;
            if (f < 0) lo = z; else hi = z;
            double next = z - f / LinkDerivative(depth, z);
            if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
            if (next == z || next <= lo || next >= hi) break;
            z = next;
        }
        return Math.CopySign(z, b);
    }

    /// <summary>q_D(b) = ∫_0^b h_D^{-1} >= 0 (convex, q_D(0) = 0).</summary>
    public static double PrimalTerm(int depth, double b)
    {
        RequireDepth(depth);
        if (depth == 2) return 2 - Math.Sqrt(4 + b * b) + b * Math.Asinh(b / 2);
        double z = InverseLink(depth, b);
        return b * z - DualPotential(depth, z) + (depth - 2);
    }

    /// <summary>Q_D(beta) = sum_i alpha_i^D q_D(beta_i / alpha_i^D).</summary>
    public static double Value(int depth, ReadOnlySpan<double> beta, ReadOnlySpan<double> alpha)
    {
        RequireSameLength(beta.Length, alpha.Length);
        double sum = 0;
        for (int i = 0; i < beta.Length; i++)
        {
            double scale = Math.Pow(alpha[i], depth);
            sum += scale * PrimalTerm(depth, beta[i] / scale);
        }
        return sum;
    }

    /// <summary>grad Q_D(beta) = h_D^{-1}(beta / alpha^D): at the interpolator it lies in the row space of X (it is X^T lambda).</summary>
    public static double[] Gradient(int depth, ReadOnlySpan<double> beta, ReadOnlySpan<double> alpha)
    {
        RequireSameLength(beta.Length, alpha.Length);
        var g = new double[beta.Length];
        for (int i = 0; i < g.Length; i++) g[i] = InverseLink(depth, beta[i] / Math.Pow(alpha[i], depth));
        return g;
    }

    private static void RequireDepth(int depth)
    {
        if (depth < 2) throw new ArgumentOutOfRangeException(nameof(depth), depth, "the depth D must be >= 2");
    }

    private static void RequireSameLength(int a, int b)
    {
        if (a != b) throw new ArgumentException($"vectors have lengths {a} and {b}; they must match");
    }
}
