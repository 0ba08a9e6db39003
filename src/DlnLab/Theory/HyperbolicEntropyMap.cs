using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The mirror map of the hyperbolic entropy psi_A (MATH.md): beta(z) = A ⊙ sinh(c + 2 z) with c = arcsinh(beta_hat / A),
/// curvature 2 A cosh(c + 2 z), dual potential 1/2 sum_i A_i cosh(c_i + 2 z_i). Only ln(A) is held, so A may span
/// hundreds of orders of magnitude. A coordinate with A_i = 0 (u0_i^2 = v0_i^2: beta_i keeps the sign of beta_hat_i) takes
/// the one-sided limit beta_i(z) = beta_hat_i exp(2 sign(beta_hat_i) z_i), the map of an entropy beta ln beta - beta,
/// with potential |beta_hat_i| exp(2 sign(beta_hat_i) z_i) / 2; with beta_hat_i = 0 as well, beta_i stays 0.
/// </summary>
public sealed class HyperbolicEntropyMap : IMirrorMap
{
    private readonly double[] _lnA;
    private readonly double[] _c;
    // Per coordinate: 0 for the two-sided map, else the sign s of beta_hat (+1 when it is 0) of s exp(ln|beta_hat| + 2 s z),
    // with ln|beta_hat| in _lnA. Null when no coordinate is one-sided.
    private readonly double[]? _oneSidedSign;

    /// <summary>The map of D_{psi_A}(., beta_hat) from ln(A) (entries &lt; +infinity, no NaN) and finite offsets c = arcsinh(beta_hat / A).</summary>
    public HyperbolicEntropyMap(double[] lnA, double[] c)
    {
        if (c.Length != lnA.Length) throw new ArgumentException($"c has {c.Length} entries but lnA has {lnA.Length}; they must match", nameof(c));
        for (int i = 0; i < lnA.Length; i++)
            if (double.IsNaN(lnA[i]) || double.IsPositiveInfinity(lnA[i]) || !double.IsFinite(c[i]))
                throw new ArgumentException($"lnA[{i}] = {lnA[i]}, c[{i}] = {c[i]}: lnA must be < +infinity and c finite");
        _lnA = lnA;
        _c = c;
    }

    private HyperbolicEntropyMap(double[] lnA, double[] c, double[]? oneSidedSign) : this(lnA, c) => _oneSidedSign = oneSidedSign;

    /// <summary>The gradient-flow map of Theorem 2.1: A = alpha^2, beta_hat = 0.</summary>
    public static HyperbolicEntropyMap ForScale(ReadOnlySpan<double> alpha) => new(Hyperentropy.LnSquares(alpha), new double[alpha.Length]);

    /// <summary>
    /// The map of D_{psi_A}(., beta_hat) for any A >= 0 given as ln(A) (-infinity for A_i = 0, the one-sided case) and any
    /// finite beta_hat.
    /// </summary>
    public static HyperbolicEntropyMap ForReference(ReadOnlySpan<double> lnA, ReadOnlySpan<double> betaHat)
    {
        if (betaHat.Length != lnA.Length) throw new ArgumentException($"betaHat has {betaHat.Length} entries but lnA has {lnA.Length}; they must match", nameof(betaHat));
        int d = lnA.Length;
        var ln = new double[d];
        var c = new double[d];
        double[]? sign = null;
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(betaHat[i]) || double.IsNaN(lnA[i]) || double.IsPositiveInfinity(lnA[i]))
                throw new ArgumentException($"lnA[{i}] = {lnA[i]}, betaHat[{i}] = {betaHat[i]}: lnA must be < +infinity and betaHat finite");
            if (double.IsNegativeInfinity(lnA[i]))
            {
                sign ??= new double[d];
                sign[i] = betaHat[i] < 0 ? -1 : 1;
                ln[i] = Math.Log(Math.Abs(betaHat[i]));
            }
            else
            {
                ln[i] = lnA[i];
                c[i] = Hyperentropy.ArcsinhRatio(betaHat[i], lnA[i]);
            }
        }
        return new HyperbolicEntropyMap(ln, c, sign);
    }

    /// <summary>
    /// The gradient-flow map of beta = u ⊙ v from any start (MATH.md, general initialisation): w±0 = (u0 ± v0)/sqrt(2),
    /// A = |w+0 w-0| = |u0^2 - v0^2|/2, beta_hat = beta0~ = A sinh(ln|w+0 / w-0|) = u0 ⊙ v0, all in the log domain.
    /// </summary>
    public static HyperbolicEntropyMap ForStart(ReadOnlySpan<double> u0, ReadOnlySpan<double> v0)
    {
        if (v0.Length != u0.Length) throw new ArgumentException($"v0 has {v0.Length} entries but u0 has {u0.Length}; they must match", nameof(v0));
        int d = u0.Length;
        var lnA = new double[d];
        var betaHat = new double[d];
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(u0[i]) || !double.IsFinite(v0[i])) throw new ArgumentException($"u0[{i}] = {u0[i]}, v0[{i}] = {v0[i]}: both must be finite");
            // ln|w±| = ln|u0 ± v0| - ln(2)/2, and ln A is their sum.
            lnA[i] = Math.Log(Math.Abs(u0[i] + v0[i])) + Math.Log(Math.Abs(u0[i] - v0[i])) - Math.Log(2);
            betaHat[i] = u0[i] * v0[i];
        }
        return ForReference(lnA, betaHat);
    }

    /// <summary>The smallest ln(A_i) below which <see cref="DualNewtonSolver"/> reaches the scales by continuation.</summary>
    internal const double ContinuationFloor = -600;

    /// <summary>min_i ln(A_i).</summary>
    internal double MinLnA => _lnA.Min();

    /// <summary>A gradient-flow map (c = 0, none one-sided) with some ln(A_i) below <see cref="ContinuationFloor"/>.</summary>
    internal bool CanContinue => _oneSidedSign is null && _lnA.Length > 0 && MinLnA < ContinuationFloor && _c.All(c => c == 0);

    /// <summary>This map with every ln(A_i) raised to at least <paramref name="floor"/>.</summary>
    internal HyperbolicEntropyMap Floored(double floor) => new(_lnA.Select(l => Math.Max(l, floor)).ToArray(), _c);

    /// <inheritdoc />
    public int Dimension => _lnA.Length;

    /// <inheritdoc />
    public bool RoundsWithArgument => false;

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> z, Span<double> beta, Span<double> curvature)
    {
        double coshPart = 0;
        for (int j = 0; j < _lnA.Length; j++)
        {
            double cosh;
            if (_oneSidedSign is { } sign && sign[j] != 0)
            {
                double e = Math.Exp(_lnA[j] + 2 * sign[j] * z[j]);
                beta[j] = sign[j] * e;
                cosh = e;
            }
            else
            {
                double arg = _c[j] + 2 * z[j];
                beta[j] = EffectiveInitialization.ScaledSinh(_lnA[j], arg);
                cosh = EffectiveInitialization.ScaledCosh(_lnA[j], arg);
            }
            curvature[j] = 2 * cosh;
            coshPart += cosh;
        }
        return 0.5 * coshPart;
    }

    /// <inheritdoc />
    public double StepLimit(ReadOnlySpan<double> z, ReadOnlySpan<double> dz, double maxArgumentStep)
    {
        double maxChange = 2 * MatrixOperations.MaxAbs(dz);
        return maxChange > maxArgumentStep ? maxArgumentStep / maxChange : 1;
    }
}
