using DlnLab.Analysis;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// The theory checks a sweep stores beside its runs: the Theorem 2.2 residual of every converged uv run (from any
/// start, with the run's own alpha_inf and beta0~; null for power:D, which has no Theorem 2.2: a consistency check of
/// the implementation, since the identity behind it holds at every step), the theory's predictions
/// (<see cref="PredictionCheck"/>: beta0~ dropped, the gain's shape from E[g_B(beta_0)^2]), and per dataset and
/// alpha the losses of the gradient-flow interpolator of uv from the report's start (Theorem 2.1), the reference line
/// of the stepsize figures.
/// </summary>
public static class TheoryChecks
{
    /// <summary>Reference name: test loss of the gradient-flow interpolator.</summary>
    public const string GradientFlowTestLoss = "gradient_flow_test_loss";
    /// <summary>Reference name: population loss of the gradient-flow interpolator.</summary>
    public const string GradientFlowPopulationLoss = "gradient_flow_population_loss";
    /// <summary>Reference name: ||beta_GF - beta*||_2 of the gradient-flow interpolator.</summary>
    public const string GradientFlowDistanceToBetaStar = "gradient_flow_distance_to_beta_star";

    /// <summary>Runner options with both checks plugged in.</summary>
    public static SweepRunnerOptions With(SweepRunnerOptions options) => options with
    {
        Theorem22Residual = Theorem22Residual,
        Predictions = PredictionCheck.Of,
        DatasetReferences = GradientFlowReferences,
    };

    /// <summary>||beta_run - beta_predicted|| / ||beta_predicted|| for a converged uv run; null otherwise or if the solver fails.</summary>
    public static double? Theorem22Residual(RegressionProblem problem, RunResult run) => Theorem22Check.ResidualIfConverged(problem, run);

    /// <summary>Test loss, population loss and distance to beta* of argmin_{X beta = y} psi_alpha (those that exist).</summary>
    public static IReadOnlyDictionary<string, double> GradientFlowReferences(RegressionProblem problem, double alpha)
    {
        var values = new Dictionary<string, double>();
        InterpolatorSolution solution;
        try { solution = Interpolators.GradientFlow(problem.X, problem.Y, Enumerable.Repeat(alpha, problem.D).ToArray()); }
        catch (SolverException) { return values; }
        var metrics = new IterateMetrics(problem);
        if (metrics.TestLoss(solution.Beta) is double test) values[GradientFlowTestLoss] = test;
        if (metrics.PopulationLoss(solution.Beta) is double population) values[GradientFlowPopulationLoss] = population;
        if (metrics.DistanceToBetaStar(solution.Beta) is double distance) values[GradientFlowDistanceToBetaStar] = distance;
        return values;
    }
}
