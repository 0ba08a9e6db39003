namespace DlnLab.Theory;

/// <summary>
/// What Theorem 2.2 needs from a (stochastic) gradient run of the uv model, read off its rotated state exactly
/// (MATH.md, "General initialisation"): the gain, the effective initialisation alpha_inf^2 = A_0 exp(-Gain) = |w+ w-|
/// (A_0 = |w+0 w-0| = |u0^2 - v0^2|/2, which is alpha^2 for the report's start), alpha_+-^2, and the perturbation
/// beta0~ = (alpha_+^2 - alpha_-^2)/2 = alpha_inf^2 sinh(delta). Everything is kept in the log domain, so gains of
/// several hundred neither underflow nor lose precision; linear values are derived and may underflow to 0.
/// </summary>
/// <remarks>
/// A coordinate with A = 0 (u0^2 = v0^2, so w+ or w- is 0 for ever) is its own case, never NaN: ln(alpha_inf^2) and one
/// of ln(alpha_±^2) are -infinity, delta is ±infinity (0 if both factors are 0), beta0~ = (alpha_+^2 - alpha_-^2)/2 is
/// finite, and the gain, ln A_0 - ln A_k with both terms -infinity, is not defined by the state and is reported as 0.
/// </remarks>
public sealed record EffectiveInitialization
{
    /// <summary>ln(alpha_inf^2), per coordinate.</summary>
    public required double[] LnAlphaInfSquared { get; init; }
    /// <summary>Gain_gamma = ln(A_0) - ln(alpha_inf^2) = sum_k q(gamma_k g_k), per coordinate (0 where A_0 = 0).</summary>
    public required double[] Gain { get; init; }
    /// <summary>ln(alpha_+^2) = 2 ln|w+| + 2 S.</summary>
    public required double[] LnAlphaPlusSquared { get; init; }
    /// <summary>ln(alpha_-^2) = 2 ln|w-| - 2 S.</summary>
    public required double[] LnAlphaMinusSquared { get; init; }
    /// <summary>delta = ln(alpha_+ / alpha_-) = arcsinh(beta0~ / alpha_inf^2): the offset c of the Bregman problem.</summary>
    public required double[] Delta { get; init; }
    /// <summary>The perturbation beta0~ = alpha_inf^2 sinh(delta).</summary>
    public required double[] BetaTilde0 { get; init; }

    /// <summary>The scale of the gain, ||Gain||_1.</summary>
    public double GainL1 => Gain.Sum(Math.Abs);

    /// <summary>alpha_inf = exp(ln(alpha_inf^2) / 2); may underflow to 0 for very large gains (the log stays exact).</summary>
    public double[] AlphaInf() => LnAlphaInfSquared.Select(l => Math.Exp(l / 2)).ToArray();

    /// <summary>
    /// From ln|w+_k|, ln|w-_k|, S_k = sum_{j&lt;k} gamma_j g_j and ln A_0 = ln|w+0 w-0| (ln(alpha^2) for the report's
    /// start; the parameter keeps that name): the identities of MATH.md, alpha_inf^2 = |w+ w-|, alpha_+^2 = w+^2 exp(2S),
    /// alpha_-^2 = w-^2 exp(-2S).
    /// </summary>
    public static EffectiveInitialization FromRotatedState(
        ReadOnlySpan<double> lnAbsWPlus, ReadOnlySpan<double> lnAbsWMinus,
        ReadOnlySpan<double> sumStepGradient, ReadOnlySpan<double> lnAlphaSquared)
    {
        int d = lnAbsWPlus.Length;
        var lnInf = new double[d];
        var gain = new double[d];
        var lnPlus = new double[d];
        var lnMinus = new double[d];
        var delta = new double[d];
        var tilde = new double[d];
        for (int i = 0; i < d; i++)
        {
            double lp = lnAbsWPlus[i], lm = lnAbsWMinus[i], s = sumStepGradient[i];
            lnInf[i] = lp + lm;
            lnPlus[i] = 2 * lp + 2 * s;
            lnMinus[i] = 2 * lm - 2 * s;
            if (lnAlphaSquared[i] == double.NegativeInfinity)
            {
                // A_0 = 0: one factor (or both) is 0 for ever; see the remarks.
                gain[i] = 0;
                delta[i] = double.IsNegativeInfinity(lp) && double.IsNegativeInfinity(lm) ? 0 : lp - lm + 2 * s;
                tilde[i] = (Math.Exp(lnPlus[i]) - Math.Exp(lnMinus[i])) / 2;
                continue;
            }
            gain[i] = lnAlphaSquared[i] - lnInf[i];
            delta[i] = lp - lm + 2 * s;
            tilde[i] = ScaledSinh(lnInf[i], delta[i]);
        }
        return new EffectiveInitialization
        {
            LnAlphaInfSquared = lnInf, Gain = gain, LnAlphaPlusSquared = lnPlus,
            LnAlphaMinusSquared = lnMinus, Delta = delta, BetaTilde0 = tilde,
        };
    }

    /// <summary>exp(lnA) * sinh(z) without overflow or underflow in between; NaN for NaN z.</summary>
    public static double ScaledSinh(double lnA, double z)
    {
        if (double.IsNaN(z)) return double.NaN; // a diverged run: NaN is its result, not an exception
        double a = Math.Abs(z);
        if (!(a >= 20)) return Math.Exp(lnA) * Math.Sinh(z);
        // sinh(a) = e^a / 2 * (1 - e^{-2a}); the bracket is 1 to double precision here.
        return Math.CopySign(Math.Exp(lnA + a - Math.Log(2)), z);
    }

    /// <summary>exp(lnA) * cosh(z) without overflow or underflow in between.</summary>
    public static double ScaledCosh(double lnA, double z)
    {
        double a = Math.Abs(z);
        if (!(a >= 20)) return Math.Exp(lnA) * Math.Cosh(z);
        return Math.Exp(lnA + a - Math.Log(2));
    }
}
