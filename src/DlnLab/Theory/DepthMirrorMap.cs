using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The mirror map of Woodworth et al.'s Q_D for D >= 3 (MATH.md, "Depth D"): beta(z) = alpha^D ⊙ h_D(z) on |z_i| &lt; 1,
/// curvature alpha^D h_D'(z), dual potential sum_i alpha_i^D H_D(z_i) (<see cref="DepthPotential"/>). The line search
/// keeps z inside (-1, 1). For D = 2 use <see cref="For"/>, which gives the hyperbolic entropy with A = 2 alpha^2.
/// </summary>
/// <remarks>
/// z resolves to about 1e-16 in double precision, and beta_i grows like alpha^D (1 - |z_i|)^(-D/(D-2)) near the boundary,
/// so coordinates with beta_i >> alpha^D carry a relative error of about (D/(D-2)) 1e-16 / (1 - |z_i|): the solver's
/// rounding floor includes it (<see cref="RoundsWithArgument"/>). Small alpha at large D thus stops at that floor.
/// </remarks>
public sealed class DepthMirrorMap : IMirrorMap
{
    // Fraction of the distance to the boundary |z| = 1 that one step may cover.
    private const double ToBoundary = 0.99;
    private readonly int _depth;
    private readonly double[] _lnScale;

    private DepthMirrorMap(int depth, double[] lnScale)
    {
        _depth = depth;
        _lnScale = lnScale;
    }

    /// <summary>
    /// The gradient-flow map of beta = w+^D - w-^D from w±0 = alpha (entries > 0): this map for D >= 3, the hyperbolic
    /// entropy with A = 2 alpha^2 for D = 2 (beta = 2 alpha^2 sinh(z), Woodworth's closed form).
    /// </summary>
    public static IMirrorMap For(int depth, ReadOnlySpan<double> alpha)
    {
        if (depth < 2) throw new ArgumentOutOfRangeException(nameof(depth), depth, "the depth D must be >= 2");
        var lnAlpha = new double[alpha.Length];
        for (int i = 0; i < alpha.Length; i++)
        {
            if (!(alpha[i] > 0) || !double.IsFinite(alpha[i])) throw new ArgumentException($"alpha[{i}] = {alpha[i]}: must be finite and > 0", nameof(alpha));
            lnAlpha[i] = Math.Log(alpha[i]);
        }
        if (depth == 2) return new HyperbolicEntropyMap(lnAlpha.Select(l => Math.Log(2) + 2 * l).ToArray(), new double[alpha.Length]);
        return new DepthMirrorMap(depth, lnAlpha.Select(l => depth * l).ToArray());
    }

    /// <summary>The depth D.</summary>
    public int Depth => _depth;

    /// <inheritdoc />
    public int Dimension => _lnScale.Length;

    /// <inheritdoc />
    public bool RoundsWithArgument => true;

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> z, Span<double> beta, Span<double> curvature)
    {
        double potential = 0;
        for (int j = 0; j < _lnScale.Length; j++)
        {
            var (link, derivative, h) = DepthPotential.LinkTerms(_depth, z[j], _lnScale[j]);
            beta[j] = link;
            curvature[j] = derivative;
            potential += h;
        }
        return potential;
    }

    /// <inheritdoc />
    public double StepLimit(ReadOnlySpan<double> z, ReadOnlySpan<double> dz, double maxArgumentStep)
    {
        double t = 1;
        for (int j = 0; j < z.Length; j++)
        {
            double room = dz[j] > 0 ? 1 - z[j] : 1 + z[j];
            double move = Math.Abs(dz[j]);
            if (move > 0 && ToBoundary * room < t * move) t = ToBoundary * room / move;
        }
        double maxChange = MatrixOperations.MaxAbs(dz);
        return maxChange * t > maxArgumentStep ? maxArgumentStep / maxChange : t;
    }
}
