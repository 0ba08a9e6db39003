using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Analysis;

/// <summary>
/// A run compared with Theorem 2.2: the relative distance between the run's beta and the interpolator
/// argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~) predicted from the run's own gains (MATH.md: on a converged run
/// it measures the distance to interpolation plus rounding).
/// </summary>
public static class Theorem22Check
{
    /// <summary>
    /// ||run.Beta - predicted|| / max(||predicted||, tiny); throws <see cref="SolverException"/> if the solver does not
    /// converge, <see cref="ArgumentException"/> for a run without the uv read-out (power:D).
    /// </summary>
    public static double Residual(Matrix x, double[] y, RunResult run) =>
        MatrixOperations.RelativeDistance(run.Beta, Interpolators.Theorem22(x, y, ImplicitBias(run)).Beta);

    /// <summary>The residual for a converged uv run; null for any other run or when the solver does not converge.</summary>
    public static double? ResidualIfConverged(RegressionProblem problem, RunResult run)
    {
        if (run.Status != RunStatus.Converged || run.Implicit is not { } bias) return null;
        if (!DualNewtonSolver.TrySolve(problem.X, problem.Y, bias.LnAlphaInfSquared, bias.Delta, out var predicted)) return null;
        return MatrixOperations.RelativeDistance(run.Beta, predicted.Beta);
    }

    private static EffectiveInitialization ImplicitBias(RunResult run) =>
        run.Implicit ?? throw new ArgumentException("Theorem 2.2 applies to uv runs; this run has no implicit-bias read-out", nameof(run));
}
