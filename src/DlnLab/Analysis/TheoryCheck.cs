using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Analysis;

/// <summary>
/// What the theory says about one finished run: the interpolator Theorem 2.2 predicts from the run's own gains and
/// how far the run is from it, the gradient-flow interpolator of Theorem 2.1 for the same alpha and the distance to it,
/// and the sharpness at the final iterate with the GD stability threshold 2 / lambda_max.
/// </summary>
public sealed record TheoryCheck
{
    /// <summary>argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~); null unless the run converged with the uv read-out (and the solver did).</summary>
    public double[]? PredictedBeta { get; init; }
    /// <summary>||beta_run - beta_predicted|| / ||beta_predicted||; null unless the run converged.</summary>
    public double? Theorem22Residual { get; init; }
    /// <summary>argmin_{X beta = y} psi_alpha(beta) for the run's initial alpha; null if the solver failed.</summary>
    public double[]? GradientFlowBeta { get; init; }
    /// <summary>||beta_run - beta_GF|| / ||beta_GF||.</summary>
    public double? DistanceToGradientFlow { get; init; }
    /// <summary>lambda_max of the Hessian of F at the final weights (meaningful at an interpolator); null unless converged.</summary>
    public double? Sharpness { get; init; }
    /// <summary>2 / lambda_max: GD is locally stable at the final point below this stepsize.</summary>
    public double? GdStabilityThreshold { get; init; }

    /// <summary>Runs the solvers for <paramref name="run"/> on <paramref name="problem"/>; solver failures leave fields null.</summary>
    public static TheoryCheck Of(RegressionProblem problem, RunResult run)
    {
        var check = new TheoryCheck();
        var gf = DualNewtonSolver.TrySolve(problem.X, problem.Y, HyperbolicEntropyMap.ForScale(run.Alpha), out var flow) ? flow : null;
        if (gf is not null)
            check = check with
            {
                GradientFlowBeta = gf.Beta,
                DistanceToGradientFlow = MatrixOperations.RelativeDistance(run.Beta, gf.Beta),
            };
        if (run.Status != RunStatus.Converged || run.Implicit is not { } bias) return check;

        var predicted = DualNewtonSolver.TrySolve(problem.X, problem.Y, bias.LnAlphaInfSquared, bias.Delta, out var theorem22)
            ? theorem22 : null;
        double sharpness = Stability.SharpnessAtInterpolator(problem.X, run.Beta, bias.LnAlphaInfSquared);
        return check with
        {
            PredictedBeta = predicted?.Beta,
            Theorem22Residual = predicted is null ? null : MatrixOperations.RelativeDistance(run.Beta, predicted.Beta),
            Sharpness = sharpness,
            GdStabilityThreshold = Stability.GdStabilityThreshold(sharpness),
        };
    }
}
