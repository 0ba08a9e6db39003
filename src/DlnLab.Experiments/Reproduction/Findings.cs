using System.Globalization;
using DlnLab.Experiments.Storage;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// The report's qualitative findings, measured on the stored runs of the stepsize sweep (medians over datasets):
/// nearness to the gradient-flow interpolator at the smallest stepsizes, test losses at the largest convergent ones,
/// and how much larger the gain is on the support of beta* than off it.
/// </summary>
public sealed record Findings
{
    public required double GdLargestConvergentStepsize { get; init; }
    public required double SgdLargestConvergentStepsize { get; init; }
    public required double SmallestFraction { get; init; }
    /// <summary>Median relative distance ||beta - beta_GF|| / ||beta_GF|| at the smallest stepsize fraction.</summary>
    public required double GdDistanceToGradientFlowAtSmallest { get; init; }
    public required double SgdDistanceToGradientFlowAtSmallest { get; init; }
    /// <summary>The training-loss tolerance runs stop at, which bounds how closely they interpolate.</summary>
    public required double Tolerance { get; init; }
    public required double LargestFraction { get; init; }
    public required double GdTestLossAtLargest { get; init; }
    public required double SgdTestLossAtLargest { get; init; }
    /// <summary>Median over datasets of mean Gain on the support / mean Gain off it, at the shape fraction.</summary>
    public required double GdGainSupportRatio { get; init; }
    public required double SgdGainSupportRatio { get; init; }
    public required double? LargestTheorem22Residual { get; init; }
    public required int Runs { get; init; }
    public required int ConvergedRuns { get; init; }

    /// <summary>Measures the findings on the runs of the stepsize sweep (s: the number of leading support coordinates).</summary>
    public static Findings Measure(IReadOnlyList<StoredRun> runs, ReproductionSettings settings)
    {
        var gd = Algorithm.Gd(settings.N).Of(runs).ToArray();
        var sgd = Algorithm.Sgd.Of(runs).ToArray();
        double smallest = runs.Min(r => r.StepsizeFraction ?? double.PositiveInfinity);
        double largest = runs.Max(r => r.StepsizeFraction ?? double.NegativeInfinity);
        var gradientFlow = new Dictionary<string, double[]?>();
        double Distance(StoredRun r)
        {
            if (!gradientFlow.TryGetValue(r.DatasetKey, out var beta))
                gradientFlow[r.DatasetKey] = beta = GradientFlowBeta(r);
            return beta is null ? double.NaN : MatrixOperations.RelativeDistance(r.Beta, beta);
        }
        double AtFraction(IEnumerable<StoredRun> rs, double f, Func<StoredRun, double> metric) =>
            Quantiles.Median(rs.Where(r => r.StepsizeFraction == f && RunGroups.Usable(r)).Select(metric));
        var converged = runs.Where(RunGroups.Converged).ToArray();
        return new Findings
        {
            GdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(gd),
            SgdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(sgd),
            SmallestFraction = smallest,
            GdDistanceToGradientFlowAtSmallest = AtFraction(gd, smallest, Distance),
            SgdDistanceToGradientFlowAtSmallest = AtFraction(sgd, smallest, Distance),
            Tolerance = settings.Tolerance,
            LargestFraction = largest,
            GdTestLossAtLargest = AtFraction(gd, largest, r => r.TestLoss ?? double.NaN),
            SgdTestLossAtLargest = AtFraction(sgd, largest, r => r.TestLoss ?? double.NaN),
            GdGainSupportRatio = AtFraction(gd, settings.ShapeFraction, r => SupportRatio(r, settings.S)),
            SgdGainSupportRatio = AtFraction(sgd, settings.ShapeFraction, r => SupportRatio(r, settings.S)),
            LargestTheorem22Residual = RunGroups.LargestTheorem22Residual(runs),
            Runs = runs.Count,
            ConvergedRuns = converged.Length,
        };
    }

    /// <summary>Mean gain on the leading s coordinates over the mean gain on the others.</summary>
    public static double SupportRatio(StoredRun r, int s)
    {
        if (r.Gain.Length <= s || s == 0) return double.NaN;
        return r.Gain.Take(s).Average() / r.Gain.Skip(s).Average();
    }

    // Null when the solver does not converge (alpha beyond double precision, say): the distance is then not measured.
    private static double[]? GradientFlowBeta(StoredRun r)
    {
        // The test set is not needed, and its size does not change X or y (they come from sub-streams of the seed).
        var problem = SparseRegression.Generate(r.ProblemSpec() with { NTest = 1 });
        return DualNewtonSolver.TrySolve(problem.X, problem.Y, HyperbolicEntropyMap.ForScale(Enumerable.Repeat(r.Alpha, r.D).ToArray()), out var s)
            ? s.Beta : null;
    }

    /// <summary>The findings as sentences for the report.</summary>
    public IReadOnlyList<string> Sentences()
    {
        List<string> sentences =
        [
            $"At the smallest stepsizes ({F(SmallestFraction)} of the largest convergent one), {NearnessVerdict()}: median relative distance {F(GdDistanceToGradientFlowAtSmallest)} (GD) and {F(SgdDistanceToGradientFlowAtSmallest)} (SGD).",
            $"At the largest convergent stepsizes (median {F(GdLargestConvergentStepsize)} for GD, {F(SgdLargestConvergentStepsize)} for SGD), the median test loss is {F(SgdTestLossAtLargest)} for SGD against {F(GdTestLossAtLargest)} for GD.",
            $"The gain at the edge is {F(GdGainSupportRatio)} times larger on the support of beta* than off it for GD, and {F(SgdGainSupportRatio)} times for SGD (1 is uniform).",
            LargestTheorem22Residual is double r
                ? $"{(r <= Theorem22Agreement ? "Theorem 2.2 holds" : "Theorem 2.2 is not confirmed")} on every converged run of figures 1 to 3: the largest relative distance between a run's limit and the predicted interpolator is {F(r)} (runs stop at training loss {F(Tolerance)}, so agreement is limited by how close they are to interpolation)."
                : "No converged run to check Theorem 2.2 on.",
        ];
        if (sentences.Any(s => s.Contains(NotMeasured, StringComparison.Ordinal)))
            sentences.Add($"A value {NotMeasured} had no run to measure it on: no run converged at that stepsize (or at all), or the gradient-flow solver did not converge.");
        return sentences;
    }

    private const string NotMeasured = "not measured";

    // A run "ends near" the gradient-flow interpolator within 10% relative distance; Theorem 2.2 "holds" within 1% (runs stop at
    // a training-loss tolerance, so the residual is never at rounding level).
    private const double NearGradientFlow = 0.1;
    private const double Theorem22Agreement = 1e-2;

    // The verdict follows the two medians: near when both are measured and below NearGradientFlow.
    private string NearnessVerdict() =>
        double.IsNaN(GdDistanceToGradientFlowAtSmallest) || double.IsNaN(SgdDistanceToGradientFlowAtSmallest)
            ? "GD and SGD are compared with the gradient-flow interpolator"
            : GdDistanceToGradientFlowAtSmallest < NearGradientFlow && SgdDistanceToGradientFlowAtSmallest < NearGradientFlow
                ? "GD and SGD end near the gradient-flow interpolator"
                : "GD and SGD do not both end near the gradient-flow interpolator";

    // A median over no usable run is NaN: it is said, never printed as a number.
    private static string F(double x) => double.IsNaN(x) ? NotMeasured : x.ToString("G3", CultureInfo.InvariantCulture);
}
