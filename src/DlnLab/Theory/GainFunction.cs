namespace DlnLab.Theory;

/// <summary>
/// The per-step gain functions of Theorem 2.2: q(x) = -1/2 ln((1 - x^2)^2) = -ln|1 - x^2| and
/// q_{+-}(x) = -+2x - ln((1 -+ x)^2). The gain is Gain_gamma = sum_k q(gamma_k g_k), coordinate-wise.
/// </summary>
public static class GainFunction
{
    /// <summary>q(x) = -ln|1 - x^2|; +infinity at |x| = 1, negative for |x| > sqrt(2).</summary>
    public static double Q(double x) => -Math.Log(Math.Abs((1 - x) * (1 + x)));

    /// <summary>q_+(x) = -2x - ln((1 - x)^2).</summary>
    public static double QPlus(double x) => -2 * x - 2 * Math.Log(Math.Abs(1 - x));

    /// <summary>q_-(x) = 2x - ln((1 + x)^2).</summary>
    public static double QMinus(double x) => 2 * x - 2 * Math.Log(Math.Abs(1 + x));
}
