using System.Globalization;
using DlnLab.Experiments.Storage;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// The report's claims about figures 1 to 3, measured on the stored runs of the stepsize sweep: per claim, on how many
/// datasets it holds (<see cref="Tally"/>) and the medians over datasets, so that each sentence's verdict is decided
/// by the data (and says so when they contradict the report). Also the implementation's consistency check (the
/// Theorem 2.2 identity, which measures closeness to interpolation).
/// </summary>
public sealed record Findings
{
    /// <summary>Median over datasets of GD's (b = n) largest convergent stepsize.</summary>
    public required double GdLargestConvergentStepsize { get; init; }
    /// <summary>Median over datasets of SGD's (b = 1) largest convergent stepsize.</summary>
    public required double SgdLargestConvergentStepsize { get; init; }
    /// <summary>The smallest stepsize fraction gamma / gamma_max of the sweep.</summary>
    public required double SmallestFraction { get; init; }
    /// <summary>Median relative distance ||beta - beta_GF|| / ||beta_GF|| at the smallest stepsize fraction.</summary>
    public required double GdDistanceToGradientFlowAtSmallest { get; init; }
    /// <summary>The same for SGD.</summary>
    public required double SgdDistanceToGradientFlowAtSmallest { get; init; }
    /// <summary>Datasets whose run at the smallest fraction ends within <see cref="NearGradientFlow"/> of the gradient-flow interpolator.</summary>
    public Tally GdNearGradientFlow { get; init; }
    /// <summary>The same for SGD.</summary>
    public Tally SgdNearGradientFlow { get; init; }
    /// <summary>The training-loss tolerance runs stop at, which bounds how closely they interpolate.</summary>
    public required double Tolerance { get; init; }
    /// <summary>The largest stepsize fraction gamma / gamma_max of the sweep.</summary>
    public required double LargestFraction { get; init; }
    /// <summary>Median over datasets of GD's test loss at the largest fraction.</summary>
    public required double GdTestLossAtLargest { get; init; }
    /// <summary>Median over datasets of SGD's test loss at the largest fraction.</summary>
    public required double SgdTestLossAtLargest { get; init; }
    /// <summary>Datasets on which SGD's test loss is below GD's at the largest fraction.</summary>
    public Tally SgdTestLossBelowGd { get; init; }
    /// <summary>Median ||beta_inf - beta*|| at the largest fraction.</summary>
    public double GdDistanceToBetaStarAtLargest { get; init; } = double.NaN;
    /// <summary>The same for SGD.</summary>
    public double SgdDistanceToBetaStarAtLargest { get; init; } = double.NaN;
    /// <summary>Datasets on which SGD ends closer to beta* than GD at the largest fraction.</summary>
    public Tally SgdCloserToBetaStar { get; init; }
    /// <summary>Median over datasets of mean Gain on the support / mean Gain off it, at the shape fraction.</summary>
    public required double GdGainSupportRatio { get; init; }
    /// <summary>The same for SGD.</summary>
    public required double SgdGainSupportRatio { get; init; }
    /// <summary>Datasets on which GD's support ratio exceeds SGD's, at the shape fraction.</summary>
    public Tally GdSupportRatioAboveSgd { get; init; }
    /// <summary>The same ratios and count at the smallest fraction.</summary>
    public double GdGainSupportRatioAtSmallest { get; init; } = double.NaN;
    /// <summary>SGD's support ratio at the smallest fraction.</summary>
    public double SgdGainSupportRatioAtSmallest { get; init; } = double.NaN;
    /// <summary>Datasets on which GD's support ratio exceeds SGD's at the smallest fraction.</summary>
    public Tally GdSupportRatioAboveSgdAtSmallest { get; init; }
    /// <summary>The fraction at which the shape is compared (figure 2's edge panel).</summary>
    public double ShapeFraction { get; init; } = 1;
    /// <summary>Datasets whose ||Gain||_1 is larger at the largest fraction than at the smallest.</summary>
    public Tally GdScaleGrows { get; init; }
    /// <summary>The same for SGD.</summary>
    public Tally SgdScaleGrows { get; init; }
    /// <summary>The largest consistency-check residual (Theorem 2.2 identity) of the converged runs; null when none has one.</summary>
    public required double? LargestTheorem22Residual { get; init; }
    /// <summary>Converged runs whose consistency-check residual is at most <see cref="ConsistencyBound"/>.</summary>
    public Tally ConsistencyPasses { get; init; }
    /// <summary>Runs of the stepsize sweep measured.</summary>
    public required int Runs { get; init; }
    /// <summary>Of those, the runs that converged.</summary>
    public required int ConvergedRuns { get; init; }

    /// <summary>A run "ends near" the gradient-flow interpolator within this relative distance.</summary>
    public const double NearGradientFlow = 0.1;
    /// <summary>The consistency check passes on a run within this relative distance (runs stop at a loss tolerance, so never at rounding level).</summary>
    public const double ConsistencyBound = 1e-2;

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
            Quantiles.Median(ByDataset(rs, f).Values.Select(metric));
        Tally Near(IEnumerable<StoredRun> rs) => Tally.Count(ByDataset(rs, smallest).Values.Select(r => Finite(Distance(r)) is double v ? v < NearGradientFlow : (bool?)null));
        double Ratio(StoredRun r) => SupportRatio(r, settings.S);
        var converged = runs.Where(RunGroups.Converged).ToArray();
        return new Findings
        {
            GdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(gd),
            SgdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(sgd),
            SmallestFraction = smallest,
            GdDistanceToGradientFlowAtSmallest = AtFraction(gd, smallest, Distance),
            SgdDistanceToGradientFlowAtSmallest = AtFraction(sgd, smallest, Distance),
            GdNearGradientFlow = Near(gd),
            SgdNearGradientFlow = Near(sgd),
            Tolerance = settings.Tolerance,
            LargestFraction = largest,
            GdTestLossAtLargest = AtFraction(gd, largest, r => r.TestLoss ?? double.NaN),
            SgdTestLossAtLargest = AtFraction(sgd, largest, r => r.TestLoss ?? double.NaN),
            SgdTestLossBelowGd = Paired(gd, sgd, largest, r => r.TestLoss, (g, s) => s < g),
            GdDistanceToBetaStarAtLargest = AtFraction(gd, largest, r => r.DistanceToBetaStar ?? double.NaN),
            SgdDistanceToBetaStarAtLargest = AtFraction(sgd, largest, r => r.DistanceToBetaStar ?? double.NaN),
            SgdCloserToBetaStar = Paired(gd, sgd, largest, r => r.DistanceToBetaStar, (g, s) => s < g),
            ShapeFraction = settings.ShapeFraction,
            GdGainSupportRatio = AtFraction(gd, settings.ShapeFraction, Ratio),
            SgdGainSupportRatio = AtFraction(sgd, settings.ShapeFraction, Ratio),
            GdSupportRatioAboveSgd = Paired(gd, sgd, settings.ShapeFraction, r => Ratio(r), (g, s) => g > s),
            GdGainSupportRatioAtSmallest = AtFraction(gd, smallest, Ratio),
            SgdGainSupportRatioAtSmallest = AtFraction(sgd, smallest, Ratio),
            GdSupportRatioAboveSgdAtSmallest = Paired(gd, sgd, smallest, r => Ratio(r), (g, s) => g > s),
            GdScaleGrows = Grows(gd, smallest, largest),
            SgdScaleGrows = Grows(sgd, smallest, largest),
            LargestTheorem22Residual = RunGroups.LargestTheorem22Residual(runs),
            ConsistencyPasses = Tally.Count(converged.Select(r => r.Theorem22Residual is double v ? v <= ConsistencyBound : (bool?)null)),
            Runs = runs.Count,
            ConvergedRuns = converged.Length,
        };
    }

    /// <summary>The usable run of each dataset at one stepsize fraction.</summary>
    internal static Dictionary<string, StoredRun> ByDataset(IEnumerable<StoredRun> runs, double fraction) =>
        runs.Where(r => r.StepsizeFraction == fraction && RunGroups.Usable(r)).GroupBy(r => r.DatasetKey).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Per dataset where both algorithms have a usable run with a finite metric at the fraction, whether the comparison holds.</summary>
    private static Tally Paired(IEnumerable<StoredRun> gd, IEnumerable<StoredRun> sgd, double fraction, Func<StoredRun, double?> metric, Func<double, double, bool> holds)
    {
        var s = ByDataset(sgd, fraction);
        return Tally.Count(ByDataset(gd, fraction).Select(p =>
            s.TryGetValue(p.Key, out var other) && Finite(metric(p.Value)) is double a && Finite(metric(other)) is double b ? holds(a, b) : (bool?)null));
    }

    private static Tally Grows(IEnumerable<StoredRun> runs, double smallest, double largest)
    {
        var small = ByDataset(runs, smallest);
        return Tally.Count(ByDataset(runs, largest).Select(p =>
            small.TryGetValue(p.Key, out var s) && Finite(s.GainL1) is double a && Finite(p.Value.GainL1) is double b ? b > a : (bool?)null));
    }

    private static double? Finite(double? x) => x is double v && double.IsFinite(v) ? v : null;

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

    /// <summary>The findings as sentences for the report, in figure order.</summary>
    public IReadOnlyList<string> Sentences() => [.. Figure("fig1"), .. Figure("fig2"), .. Figure("fig3"), .. Consistency()];

    /// <summary>The sentences about one figure (fig1, fig2 or fig3); none for another name.</summary>
    public IReadOnlyList<string> Figure(string figure) => figure switch
    {
        "fig1" =>
        [
            $"At the smallest stepsizes ({F(SmallestFraction)} of the largest convergent one), GD ends within {F(NearGradientFlow)} relative distance of the gradient-flow interpolator on {GdNearGradientFlow} datasets and SGD on {SgdNearGradientFlow} (median relative distances {F(GdDistanceToGradientFlowAtSmallest)} and {F(SgdDistanceToGradientFlowAtSmallest)}): {Both(GdNearGradientFlow, SgdNearGradientFlow).Against("the report's claim that both stay close to gradient flow at small stepsizes")}.",
            $"At the largest convergent stepsizes (median {F(GdLargestConvergentStepsize)} for GD, {F(SgdLargestConvergentStepsize)} for SGD), SGD's test loss is below GD's on {SgdTestLossBelowGd} datasets (medians {F(SgdTestLossAtLargest)} and {F(GdTestLossAtLargest)}): {SgdTestLossBelowGd.Against("the report's claim that SGD generalises better there")}.",
        ],
        "fig2" =>
        [
            $"The gain is larger on the support of beta* than off it by a median factor {F(GdGainSupportRatioAtSmallest)} for GD and {F(SgdGainSupportRatioAtSmallest)} for SGD at {F(SmallestFraction)} γ_max, and {F(GdGainSupportRatio)} and {F(SgdGainSupportRatio)} at {F(ShapeFraction)} γ_max (1 is uniform); GD's factor exceeds SGD's on {GdSupportRatioAboveSgdAtSmallest} and {GdSupportRatioAboveSgd} datasets: {Both(GdSupportRatioAboveSgdAtSmallest, GdSupportRatioAboveSgd).Against("the report's claim that GD's gain is heterogeneous and SGD's homogeneous")}.",
            $"‖Gain‖₁ is larger at the largest convergent stepsize than at the smallest on {GdScaleGrows} datasets for GD and {SgdScaleGrows} for SGD: {Both(GdScaleGrows, SgdScaleGrows).Against("the report's claim that the gain grows with the stepsize")}.",
        ],
        "fig3" =>
        [
            $"At the largest convergent stepsizes SGD ends closer to beta* than GD on {SgdCloserToBetaStar} datasets (median ‖β∞ − β*‖₂ {F(SgdDistanceToBetaStarAtLargest)} for SGD, {F(GdDistanceToBetaStarAtLargest)} for GD): {SgdCloserToBetaStar.Against("the report's claim that SGD recovers beta* where GD fails")}.",
        ],
        _ => [],
    };

    private IReadOnlyList<string> Consistency()
    {
        var sentences = new List<string>
        {
            LargestTheorem22Residual is double r
                ? $"Consistency check of the implementation (the Theorem 2.2 identity holds at every step, so this measures how close a run is to interpolation, not a prediction of the paper): a converged run's limit is within {F(ConsistencyBound)} relative distance of the Bregman projection of its beta0~ on {ConsistencyPasses} converged runs of figures 1 to 3 (largest {F(r)}; runs stop at training loss {F(Tolerance)}): {(ConsistencyPasses.All ? "it passes" : "it fails")}."
                : "No converged run to run the consistency check on.",
        };
        if (new[] { "fig1", "fig2", "fig3" }.SelectMany(Figure).Any(s => s.Contains(NotMeasured, StringComparison.Ordinal)))
            sentences.Add($"A value {NotMeasured} had no run to measure it on: no run converged at that stepsize (or at all), or the gradient-flow solver did not converge.");
        return sentences;
    }

    /// <summary>Two counts as one: a claim about both algorithms holds where it holds for each.</summary>
    private static Tally Both(Tally a, Tally b) => new(a.Holds + b.Holds, a.Of + b.Of);

    internal const string NotMeasured = "not measured";

    // A median over no usable run is NaN: it is said, never printed as a number.
    internal static string F(double x) => double.IsNaN(x) ? NotMeasured : x.ToString("G3", CultureInfo.InvariantCulture);
}
