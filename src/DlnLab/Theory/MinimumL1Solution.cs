namespace DlnLab.Theory;

/// <summary>
/// The minimum-l1 interpolator argmin { ||beta||_1 : X beta = y } with a dual certificate lambda:
/// ||X^T lambda||_inf &lt;= 1 and y^T lambda = ||beta||_1 prove optimality (LP duality).
/// </summary>
public sealed record MinimumL1Solution
{
    /// <summary>The interpolator (length d).</summary>
    public required double[] Beta { get; init; }
    /// <summary>The dual certificate lambda (length n); dual feasible up to <see cref="DualInfeasibility"/>.</summary>
    public required double[] DualCertificate { get; init; }
    /// <summary>||Beta||_1.</summary>
    public required double L1Norm { get; init; }
    /// <summary>Relative duality gap (||beta||_1 - y^T lambda) / max(||beta||_1, tiny); 0 at an exact optimum.</summary>
    public required double DualityGap { get; init; }
    /// <summary>max(0, ||X^T lambda||_inf - 1).</summary>
    public required double DualInfeasibility { get; init; }
    /// <summary>||X beta - y|| / max(||y||, tiny).</summary>
    public required double RelativeResidual { get; init; }
    /// <summary>Simplex pivots taken (both phases of the dense simplex; GLOP's iterations for glop).</summary>
    public required int Iterations { get; init; }
    /// <summary>
    /// The method finished, and the gap (below 1e-8), dual feasibility (1e-9) and residual (1e-9) were verified on the
    /// full problem (<see cref="MinimumL1Certificate.Verify"/>).
    /// </summary>
    public required bool Converged { get; init; }
    /// <summary>The method that produced it (<see cref="IMinimumL1Solver.Name"/>: simplex, glop).</summary>
    public string Method { get; init; } = "simplex";
}
