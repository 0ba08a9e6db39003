namespace DlnLab.Theory;

/// <summary>
/// The mirror map of a Bregman interpolation problem argmin_{X beta = y} D_phi(beta, beta_hat), as
/// <see cref="DualNewtonSolver"/> uses it: the optimum is beta(z) at z = X^T lambda for the lambda that makes
/// X beta(X^T lambda) = y, where beta(z) = grad phi^*(z) (shifted so that beta(0) = beta_hat) is increasing in each
/// coordinate. The solver minimises the dual Phi(lambda) = F(X^T lambda) - &lt;lambda, y&gt; with F' = beta.
/// </summary>
public interface IMirrorMap
{
    /// <summary>The number d of coordinates.</summary>
    int Dimension { get; }

    /// <summary>
    /// beta(z) and the curvature d beta_i / d z_i (>= 0) for one z (all spans of length d); returns the dual potential
    /// F(z) = sum_i F_i(z_i), +infinity or NaN where z is outside the map's domain.
    /// </summary>
    double Evaluate(ReadOnlySpan<double> z, Span<double> beta, Span<double> curvature);

    /// <summary>
    /// The largest fraction t in (0, 1] of the step dz from z that the line search may try first: the cap that keeps
    /// the map's argument from moving by more than <paramref name="maxArgumentStep"/>, or that keeps z inside the domain.
    /// </summary>
    double StepLimit(ReadOnlySpan<double> z, ReadOnlySpan<double> dz, double maxArgumentStep);

    /// <summary>
    /// Whether rounding z itself bounds how well beta(z) can interpolate (beta changes by curvature times a unit of
    /// roundoff of z), so that the solver's rounding floor must include it. False for the hyperbolic entropy, whose
    /// floor is that of evaluating X beta.
    /// </summary>
    bool RoundsWithArgument { get; }
}
