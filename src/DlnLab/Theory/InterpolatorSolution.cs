namespace DlnLab.Theory;

/// <summary>
/// An interpolator beta = beta(X^T lambda) of a mirror map (<see cref="IMirrorMap"/>; for the hyperbolic entropy
/// A ⊙ sinh(c + 2 X^T lambda)) found by <see cref="DualNewtonSolver"/>, with its dual variable and how well it interpolates.
/// </summary>
public sealed record InterpolatorSolution
{
    /// <summary>The primal solution beta (length d).</summary>
    public required double[] Beta { get; init; }
    /// <summary>The dual variable lambda (length n): z = X^T lambda is the mirror map's argument (for psi_A,
    /// grad psi(beta) - grad psi(beta_hat) = X^T lambda; for Q_D, grad Q_D(beta) = X^T lambda).</summary>
    public required double[] Lambda { get; init; }
    /// <summary>Newton iterations taken.</summary>
    public required int Iterations { get; init; }
    /// <summary>||X beta - y||_2.</summary>
    public required double ResidualNorm { get; init; }
    /// <summary>||X beta - y||_2 / max(||y||_2, tiny).</summary>
    public required double RelativeResidual { get; init; }
    /// <summary>The relative residual reached the tolerance (or the rounding floor of evaluating X beta).</summary>
    public required bool Converged { get; init; }
    /// <summary>Largest diagonal jitter the Newton systems needed (0 when every Hessian factored as is).</summary>
    public double MaxJitter { get; init; }
}
