using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Analysis;

/// <summary>
/// What the theory says about one finished run: the interpolator Theorem 2.2 predicts from the run's own gains and
/// how far the run is from it (uv only), the gradient-flow interpolator of the run's model and start (Theorem 2.1,
/// its general-start form, or Q_D for power:D) and the distance to it, and for uv the sharpness at the final iterate
/// with the GD stability threshold 2 / lambda_max.
/// </summary>
public sealed record TheoryCheck
{
    /// <summary>argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~); null unless a plain (S)GD uv run converged (and the solver did).</summary>
    public double[]? PredictedBeta { get; init; }
    /// <summary>||beta_run - beta_predicted|| / ||beta_predicted||; null unless a uv run converged.</summary>
    public double? Theorem22Residual { get; init; }
    /// <summary>The gradient-flow interpolator of the run's model from its start (<see cref="ModelInterpolators"/>); null if the solver failed.</summary>
    public double[]? GradientFlowBeta { get; init; }
    /// <summary>||beta_run - beta_GF|| / ||beta_GF||.</summary>
    public double? DistanceToGradientFlow { get; init; }
    /// <summary>lambda_max of the Hessian of F at the final weights (meaningful at an interpolator); null unless a uv run converged.</summary>
    public double? Sharpness { get; init; }
    /// <summary>2 / lambda_max: GD is locally stable at the final point below this stepsize.</summary>
    public double? GdStabilityThreshold { get; init; }
    /// <summary>The theory's predictions tested on the run (<see cref="PredictionCheck"/>: beta0~ dropped, the gain's shape).</summary>
    public PredictionCheck Predictions { get; init; } = new();

    /// <summary>
    /// n² d up to which <see cref="IsQuick"/> holds: the solvers' cost grows like n² d (the Gram matrix X X^T) and
    /// faster. Measured on a 2-core machine (docs/PERFORMANCE.md, 2026-12-02): the check added about 0.6 s at this bound
    /// and about 5 s of CPU at (n, d) = (1000, 3000).
    /// </summary>
    public const double QuickWork = 4e8;

    /// <summary>Whether the check on an n x d problem is quick (n² d at most <see cref="QuickWork"/>): what `dln train --theory auto` runs.</summary>
    public static bool IsQuick(int n, int d) => (double)n * n * d <= QuickWork;

    /// <summary>
    /// Runs the solvers for <paramref name="run"/>, trained on <paramref name="problem"/> with <paramref name="options"/>
    /// (its model, alpha, u0 and v0); solver failures leave fields null.
    /// </summary>
    public static TheoryCheck Of(RegressionProblem problem, RunResult run, TrainingOptions options)
    {
        var check = new TheoryCheck { Predictions = PredictionCheck.Of(problem, run, options) };
        if (ModelInterpolators.TryGradientFlow(problem.X, problem.Y, options.Model, run.Alpha, options.U0?.For(problem.D), options.V0?.For(problem.D), out var flow))
            check = check with
            {
                GradientFlowBeta = flow.Beta,
                DistanceToGradientFlow = MatrixOperations.RelativeDistance(run.Beta, flow.Beta),
            };
        // Theorem 2.2 and the predictions are about (S)GD on the data's labels: not claimed for other optimisers.
        if (run.Status != RunStatus.Converged || run.Implicit is null || !options.IsPlainSgd) return check;

        Theorem22Check.TryPredict(problem, run, out var predicted);
        double sharpness = Stability.SharpnessAtInterpolator(problem.X, run.Beta, run.Implicit.LnAlphaInfSquared);
        return check with
        {
            PredictedBeta = predicted?.Beta,
            Theorem22Residual = predicted is null ? null : MatrixOperations.RelativeDistance(run.Beta, predicted.Beta),
            Sharpness = sharpness,
            GdStabilityThreshold = Stability.GdStabilityThreshold(sharpness),
        };
    }
}
