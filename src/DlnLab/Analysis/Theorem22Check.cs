using System.Diagnostics.CodeAnalysis;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Analysis;

/// <summary>
/// A uv run (from any start) compared with Theorem 2.2: the relative distance between the run's beta and the interpolator
/// argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~) predicted from the run's own gains (MATH.md: on a converged run
/// it measures the distance to interpolation plus rounding).
/// </summary>
public static class Theorem22Check
{
    /// <summary>||run.Beta - predicted|| / max(||predicted||, tiny) for a uv run from any start; throws <see cref="SolverException"/> if the solver does not converge.</summary>
    public static double Residual(Matrix x, double[] y, RunResult run) =>
        MatrixOperations.RelativeDistance(run.Beta, Interpolators.Theorem22(x, y, ImplicitOf(run)).Beta);

    /// <summary>The residual for a converged uv run; null for any other run (power:D has no Theorem 2.2) or when the solver does not converge.</summary>
    public static double? ResidualIfConverged(RegressionProblem problem, RunResult run) =>
        TryPredict(problem, run, out var predicted) ? MatrixOperations.RelativeDistance(run.Beta, predicted.Beta) : null;

    /// <summary>The Theorem 2.2 interpolator of a converged uv run; false for any other run or when the solver does not converge.</summary>
    public static bool TryPredict(RegressionProblem problem, RunResult run, [NotNullWhen(true)] out InterpolatorSolution? predicted)
    {
        predicted = null;
        if (run.Status != RunStatus.Converged || run.Implicit is null) return false;
        if (!DualNewtonSolver.TrySolve(problem.X, problem.Y, Interpolators.Theorem22Map(run.Implicit), out var solution)) return false;
        predicted = solution;
        return true;
    }

    private static EffectiveInitialization ImplicitOf(RunResult run) =>
        run.Implicit ?? throw new ArgumentException("the run has no implicit-bias read-out (Theorem 2.2 applies to the uv model only)", nameof(run));
}
