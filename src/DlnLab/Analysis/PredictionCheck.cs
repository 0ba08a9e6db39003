using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Analysis;

/// <summary>
/// A uv run against what the theory predicts beyond the Theorem 2.2 identity (MATH.md, "What the Theorem 2.2 residual
/// proves"): whether beta0~ is negligible (the run's limit against argmin psi_{alpha_inf} with beta0~ dropped) and
/// whether the gain has the shape of E[g_B(beta_0)^2] predicted from the first iterates (cosine similarity).
/// </summary>
public sealed record PredictionCheck
{
    /// <summary>||beta_run - argmin psi_{alpha_inf}|| / ||argmin psi_{alpha_inf}||; null unless a uv run converged and the solver did.</summary>
    public double? DistanceWithoutPerturbation { get; init; }

    /// <summary>Cosine similarity of the run's gain with E[g_B(beta_0)^2]; null for power:D and for runs that diverged.</summary>
    public double? GainShapeCosine { get; init; }

    /// <summary>Both checks for <paramref name="run"/>, trained on <paramref name="problem"/> with <paramref name="options"/>.</summary>
    public static PredictionCheck Of(RegressionProblem problem, RunResult run, TrainingOptions options)
    {
        if (run.Implicit is null || run.Status == RunStatus.Diverged || !options.IsPlainSgd) return new PredictionCheck();
        double? distance = null;
        if (run.Status == RunStatus.Converged
            && DualNewtonSolver.TrySolve(problem.X, problem.Y, Interpolators.WithoutPerturbationMap(run.Implicit.LnAlphaInfSquared), out var limit))
            distance = MatrixOperations.RelativeDistance(run.Beta, limit.Beta);
        double cosine = GainShapePrediction.CosineSimilarity(run.Implicit.Gain, PredictedShape(problem, options));
        return new PredictionCheck { DistanceWithoutPerturbation = distance, GainShapeCosine = double.IsNaN(cosine) ? null : cosine };
    }

    /// <summary>
    /// E[g_B(beta_0)^2] for the run's batch size and start (beta_0 = u0 ⊙ v0; 0 from the report's start). Both batch
    /// modes draw each batch as a uniform b-subset, so the prediction is the same for both.
    /// </summary>
    public static double[] PredictedShape(RegressionProblem problem, TrainingOptions options)
    {
        int d = problem.D;
        double[]? beta0 = null;
        if (options.V0 is not null)
        {
            var u = options.U0?.For(d) ?? options.AlphaFor(d).Select(a => Math.Sqrt(2) * a).ToArray();
            beta0 = u.Zip(options.V0.For(d), (a, b) => a * b).ToArray();
        }
        return GainShapePrediction.ExpectedSquaredGradient(problem.X, problem.Y, options.BatchSize, beta0);
    }
}
