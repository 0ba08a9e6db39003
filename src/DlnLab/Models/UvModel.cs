using DlnLab.Theory;

namespace DlnLab.Models;

/// <summary>
/// beta = u ⊙ v from any (u0, v0). Textbook step: u' = u - gamma g ⊙ v, v' = v - gamma g ⊙ u. Its exact rotated form
/// (MATH.md, "General initialisation"): w± = (u ± v)/sqrt(2), w±' = w± ⊙ (1 ∓ gamma g), beta = (w+^2 - w-^2)/2, and the
/// implicit-bias read-out with A_k = |w+_k ⊙ w-_k| (A_0 = |u0^2 - v0^2|/2) in place of alpha^2.
/// </summary>
/// <remarks>
/// The report's start u0 = sqrt(2) alpha, v0 = 0 is held as w±0 = alpha exactly (not as (sqrt(2) alpha)/sqrt(2), which
/// may round), so the default runs keep their bits. A coordinate with u0^2 = v0^2 has w+0 = 0 or w-0 = 0: that factor
/// stays 0 for ever, beta keeps one sign, and A = 0 (ln A = -infinity) is its own case in the read-out.
/// </remarks>
public sealed class UvModel : Model
{
    private readonly double[] _u0, _v0;

    private UvModel(double[] u0, double[] v0, double[] wPlus0, double[] wMinus0, double[] lnA0, bool isReportStart)
        : base(ModelSpec.Uv, u0.Length)
    {
        _u0 = u0;
        _v0 = v0;
        WPlus0 = wPlus0;
        WMinus0 = wMinus0;
        LnA0 = lnA0;
        IsReportStart = isReportStart;
    }

    /// <summary>w+0 = (u0 + v0)/sqrt(2) (alpha for the report's start).</summary>
    public double[] WPlus0 { get; }

    /// <summary>w-0 = (u0 - v0)/sqrt(2) (alpha for the report's start).</summary>
    public double[] WMinus0 { get; }

    /// <summary>ln A_0 = ln|w+0 w-0| = ln(|u0^2 - v0^2|/2): ln(alpha^2) for the report's start, -infinity where u0^2 = v0^2.</summary>
    public double[] LnA0 { get; }

    /// <summary>beta0 = u0 ⊙ v0 (zero for the report's start).</summary>
    public double[] Beta0() => _u0.Zip(_v0, (u, v) => u * v).ToArray();

    /// <summary>Whether this is the report's start u0 = sqrt(2) alpha, v0 = 0, held as w±0 = alpha.</summary>
    public bool IsReportStart { get; }

    /// <summary>u0 = sqrt(2) alpha, v0 = 0, i.e. w+0 = w-0 = alpha exactly.</summary>
    public static UvModel ReportStart(ReadOnlySpan<double> alpha)
    {
        var a = alpha.ToArray();
        var u0 = a.Select(x => Math.Sqrt(2) * x).ToArray();
        return new UvModel(u0, new double[a.Length], a, (double[])a.Clone(), Hyperentropy.LnSquares(a), isReportStart: true);
    }

    /// <summary>Any (u0, v0) of equal length (finite values).</summary>
    public static UvModel FromUv(double[] u0, double[] v0)
    {
        if (u0.Length != v0.Length) throw new ArgumentException($"u0 has {u0.Length} entries but v0 has {v0.Length}", nameof(v0));
        int d = u0.Length;
        var wPlus = new double[d];
        var wMinus = new double[d];
        var lnA = new double[d];
        for (int i = 0; i < d; i++)
        {
            wPlus[i] = (u0[i] + v0[i]) / Math.Sqrt(2);
            wMinus[i] = (u0[i] - v0[i]) / Math.Sqrt(2);
            lnA[i] = Math.Log(Math.Abs(wPlus[i])) + Math.Log(Math.Abs(wMinus[i]));
        }
        return new UvModel((double[])u0.Clone(), (double[])v0.Clone(), wPlus, wMinus, lnA, isReportStart: false);
    }

    /// <inheritdoc />
    public override (double[] First, double[] Second) Start() => ((double[])_u0.Clone(), (double[])_v0.Clone());

    /// <inheritdoc />
    public override double Beta(double u, double v) => u * v;

    /// <inheritdoc />
    public override (double First, double Second) Step(double u, double v, double gamma, double g) =>
        (u - gamma * g * v, v - gamma * g * u);

    /// <summary>
    /// The implicit-bias quantities from ln|w+_k|, ln|w-_k| and S_k = sum_{j&lt;k} gamma_j g_j (each of length d).
    /// </summary>
    public EffectiveInitialization ReadOut(ReadOnlySpan<double> lnAbsWPlus, ReadOnlySpan<double> lnAbsWMinus, ReadOnlySpan<double> sumStepGradient) =>
        EffectiveInitialization.FromRotatedState(lnAbsWPlus, lnAbsWMinus, sumStepGradient, LnA0);
}
