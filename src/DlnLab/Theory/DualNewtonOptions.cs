namespace DlnLab.Theory;

/// <summary>Stopping rules and safeguards of <see cref="DualNewtonSolver"/>.</summary>
public sealed record DualNewtonOptions
{
    /// <summary>Target ||X beta - y|| / ||y|| (default 1e-13). Must be > 0.</summary>
    public double Tolerance { get; init; } = 1e-13;
    /// <summary>Newton iterations allowed (default 500).</summary>
    public int MaxIterations { get; init; } = 500;
    /// <summary>
    /// Largest change of any argument c_i + 2 (X^T lambda)_i in one step (default 30). Far from the solution a full
    /// Newton step on these exponential terms can overshoot far; capping it keeps cosh finite, and near the
    /// solution the cap is inactive, so convergence stays quadratic.
    /// </summary>
    public double MaxArgumentStep { get; init; } = 30;
}
