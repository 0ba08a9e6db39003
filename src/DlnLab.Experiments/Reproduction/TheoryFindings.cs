using DlnLab.Experiments.Storage;
using DlnLab.Theory;
using static DlnLab.Experiments.Reproduction.Findings;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// What the theory predicts, measured on the stored runs (figures 7 and 8, and the stepsize thresholds): whether beta0~
/// is negligible, whether the gain has the shape of E[g_B(beta_0)^2], whether its scale falls by the predicted factor
/// (and by n) from b = 1 to b = n, and where the measured largest convergent stepsize sits against 2 / lambda_max and
/// the scale of the convergence guarantee. Every verdict is a count over runs or datasets.
/// </summary>
public sealed record TheoryFindings
{
    /// <summary>argmin psi_{alpha_inf} (beta0~ dropped) is "within" a run's limit below this relative distance.</summary>
    public const double NegligibleBound = 1e-2;
    /// <summary>A measured gain shape "agrees" with the predicted one above this cosine similarity.</summary>
    public const double ShapeAgreement = 0.95;
    /// <summary>A measured scale factor "agrees" with a predicted one within this relative error.</summary>
    public const double FactorTolerance = 0.2;
    /// <summary>A stepsize is "at most" a stability threshold up to this relative slack (a run at the edge converges to a
    /// limit whose 2 / lambda_max equals its stepsize to within the loss tolerance).</summary>
    public const double ThresholdSlack = 0.01;

    /// <summary>The smallest stepsize fraction gamma / gamma_max of the stepsize sweep.</summary>
    public double SmallestFraction { get; init; } = double.NaN;
    /// <summary>The largest stepsize fraction gamma / gamma_max of the stepsize sweep.</summary>
    public double LargestFraction { get; init; } = double.NaN;
    /// <summary>Converged runs of the stepsize sweep whose distance to argmin psi_{alpha_inf} is below <see cref="NegligibleBound"/>.</summary>
    public Tally GdPerturbationNegligible { get; init; }
    /// <summary>The same for SGD.</summary>
    public Tally SgdPerturbationNegligible { get; init; }
    /// <summary>Median distances to argmin psi_{alpha_inf} at the smallest and the largest fraction.</summary>
    public double GdPerturbationAtSmallest { get; init; } = double.NaN;
    /// <summary>GD's median distance at the largest fraction.</summary>
    public double GdPerturbationAtLargest { get; init; } = double.NaN;
    /// <summary>SGD's median distance at the smallest fraction.</summary>
    public double SgdPerturbationAtSmallest { get; init; } = double.NaN;
    /// <summary>SGD's median distance at the largest fraction.</summary>
    public double SgdPerturbationAtLargest { get; init; } = double.NaN;

    /// <summary>The fixed small stepsize at which the gain shapes are compared (figure 8).</summary>
    public double ShapeStepsize { get; init; } = double.NaN;
    /// <summary>The batch sizes b whose gain shapes are compared.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [];
    /// <summary>Runs at the fixed small stepsize whose gain shape has cosine similarity above <see cref="ShapeAgreement"/> with the prediction.</summary>
    public Tally ShapeAgreesSmall { get; init; }
    /// <summary>Median cosine similarity of measured and predicted gain shapes at the fixed small stepsize.</summary>
    public double MedianCosineSmall { get; init; } = double.NaN;
    /// <summary>Lowest such cosine similarity.</summary>
    public double LowestCosineSmall { get; init; } = double.NaN;
    /// <summary>The same at each batch size's largest convergent stepsize (<see cref="EdgeFraction"/>).</summary>
    public Tally ShapeAgreesEdge { get; init; }
    /// <summary>Median cosine similarity at each batch size's largest convergent stepsize.</summary>
    public double MedianCosineEdge { get; init; } = double.NaN;
    /// <summary>Lowest such cosine similarity.</summary>
    public double LowestCosineEdge { get; init; } = double.NaN;
    /// <summary>The stepsize fraction gamma / gamma_max of the edge comparison.</summary>
    public double EdgeFraction { get; init; } = double.NaN;

    /// <summary>The number of training samples n (the scale factor's reference value).</summary>
    public int N { get; init; }
    /// <summary>Median over datasets of ||Gain||_1(b = 1) / ||Gain||_1(b = n) at the fixed stepsize, measured and predicted.</summary>
    public double ScaleFactorMeasured { get; init; } = double.NaN;
    /// <summary>The predicted factor.</summary>
    public double ScaleFactorPredicted { get; init; } = double.NaN;
    /// <summary>Datasets whose measured factor is within <see cref="FactorTolerance"/> of the predicted one, and of n.</summary>
    public Tally FactorNearPredicted { get; init; }
    /// <summary>Datasets whose measured factor is within the tolerance of n.</summary>
    public Tally FactorNearN { get; init; }

    /// <summary>Medians over datasets: measured largest convergent stepsizes, 2 / lambda_max at the start and at GD's limit at its largest convergent stepsize, and 1 / (L B).</summary>
    public double GdLargestConvergentStepsize { get; init; } = double.NaN;
    /// <summary>Median over datasets of SGD's (b = 1) largest convergent stepsize.</summary>
    public double SgdLargestConvergentStepsize { get; init; } = double.NaN;
    /// <summary>Median over datasets of 2 / lambda_max at the start.</summary>
    public double GdStabilityAtStart { get; init; } = double.NaN;
    /// <summary>Median over datasets of 2 / lambda_max at GD's limit at its largest convergent stepsize.</summary>
    public double GdStabilityAtLimit { get; init; } = double.NaN;
    /// <summary>Median over datasets of the guarantee scale 1 / (L B) at B = n (GD).</summary>
    public double GdGuaranteeScale { get; init; } = double.NaN;
    /// <summary>Median over datasets of the guarantee scale 1 / (L B) at B = 1 (SGD).</summary>
    public double SgdGuaranteeScale { get; init; } = double.NaN;
    /// <summary>Median over datasets of GD's largest convergent stepsize times lambda_max / 2 at its limit there.</summary>
    public double GdStepsizeOverLimitStability { get; init; } = double.NaN;
    /// <summary>Datasets where GD's largest convergent stepsize is at most 2 / lambda_max (up to <see cref="ThresholdSlack"/>) at its limit, and at the start.</summary>
    public Tally GdBelowLimitStability { get; init; }
    /// <summary>Datasets where GD's largest convergent stepsize is at most 2 / lambda_max at the start.</summary>
    public Tally GdBelowStartStability { get; init; }

    /// <summary>Measures the findings; any list may be empty (its findings are then not measured).</summary>
    public static TheoryFindings Measure(IReadOnlyList<StoredRun> stepsizeRuns, IReadOnlyList<StoredRun> batchRuns,
        IReadOnlyList<StoredRun> shapeRuns, ReproductionSettings s)
    {
        var problems = new TheoryFigureData.PredictedShapes();
        var gd = Algorithm.Gd(s.N).Of(stepsizeRuns).ToArray();
        var sgd = Algorithm.Sgd.Of(stepsizeRuns).ToArray();
        double smallest = stepsizeRuns.Count == 0 ? double.NaN : stepsizeRuns.Min(r => r.StepsizeFraction ?? double.PositiveInfinity);
        double largest = stepsizeRuns.Count == 0 ? double.NaN : stepsizeRuns.Max(r => r.StepsizeFraction ?? double.NegativeInfinity);
        static Tally Negligible(IEnumerable<StoredRun> rs) =>
            Tally.Count(rs.Where(RunGroups.Converged).Select(r => r.DistanceWithoutBetaTilde0 is double v ? v < NegligibleBound : (bool?)null));
        static double Median(IEnumerable<StoredRun> rs, double f, Func<StoredRun, double?> metric) =>
            Quantiles.Median(ByDataset(rs, f).Values.Select(r => metric(r) ?? double.NaN));

        double edge = s.BatchSizeFractions.Max();
        var edgeRuns = batchRuns.Where(r => r.StepsizeFraction == edge && RunGroups.Usable(r)).ToArray();
        var smallRuns = shapeRuns.Where(RunGroups.Usable).ToArray();
        static double? Cosine(StoredRun r) => r.GainShapeCosine;

        // Scale from b = 1 to b = n on each dataset with both runs usable.
        var single = smallRuns.Where(r => r.BatchSize == 1).ToDictionary(r => r.DatasetKey);
        var factors = smallRuns.Where(r => r.BatchSize == s.N && single.ContainsKey(r.DatasetKey)).Select(r =>
        {
            double measured = single[r.DatasetKey].GainL1 / r.GainL1;
            double predicted = problems.ScaleRatio(r, 1, r.BatchSize);
            return (Measured: measured, Predicted: predicted);
        }).Where(f => double.IsFinite(f.Measured)).ToArray();

        // Thresholds per dataset, from GD's run at the largest fraction (it ran at the largest convergent stepsize).
        var gdEdge = ByDataset(gd, largest).Values.Where(RunGroups.Converged).ToArray();
        var start = gdEdge.Select(r => ConvergenceThreshold.GdStabilityAtStart(problems.Problem(r).X, Enumerable.Repeat(r.Alpha, r.D).ToArray())).ToArray();
        // The sharpness at the limit needs uv's alpha_inf (a power:D run has none: NaN, which the medians leave out).
        var limit = gdEdge.Select(r => r.LnAlphaInfSquared.Length != r.D ? double.NaN
            : Stability.GdStabilityThreshold(Stability.SharpnessAtInterpolator(problems.Problem(r).X, r.Beta, r.LnAlphaInfSquared))).ToArray();
        var firstOfDataset = stepsizeRuns.GroupBy(r => r.DatasetKey).Select(g => g.First()).ToArray();
        // B = ||beta_l1||_inf per dataset (NaN where the simplex finds no verified optimum).
        var bound = firstOfDataset.ToDictionary(r => r.DatasetKey, r =>
        {
            var p = problems.Problem(r);
            var l1 = Interpolators.MinimumL1(p.X, p.Y);
            return l1.Converged ? l1.Beta.Max(Math.Abs) : double.NaN;
        });
        double Guarantee(StoredRun r, int b) =>
            ConvergenceThreshold.GuaranteeScale(ConvergenceThreshold.BatchSmoothness(problems.Problem(r).X, b), bound[r.DatasetKey]);

        return new TheoryFindings
        {
            SmallestFraction = smallest,
            LargestFraction = largest,
            GdPerturbationNegligible = Negligible(gd),
            SgdPerturbationNegligible = Negligible(sgd),
            GdPerturbationAtSmallest = Median(gd, smallest, r => r.DistanceWithoutBetaTilde0),
            GdPerturbationAtLargest = Median(gd, largest, r => r.DistanceWithoutBetaTilde0),
            SgdPerturbationAtSmallest = Median(sgd, smallest, r => r.DistanceWithoutBetaTilde0),
            SgdPerturbationAtLargest = Median(sgd, largest, r => r.DistanceWithoutBetaTilde0),
            ShapeStepsize = s.GainShapeStepsize,
            BatchSizes = s.BatchSizes.Distinct().Order().ToArray(),
            ShapeAgreesSmall = Tally.Count(smallRuns.Select(r => Cosine(r) is double c ? c > ShapeAgreement : (bool?)null)),
            MedianCosineSmall = Quantiles.Median(smallRuns.Select(r => Cosine(r) ?? double.NaN)),
            LowestCosineSmall = Quantiles.Of(smallRuns.Select(r => Cosine(r) ?? double.NaN), 0),
            ShapeAgreesEdge = Tally.Count(edgeRuns.Select(r => Cosine(r) is double c ? c > ShapeAgreement : (bool?)null)),
            MedianCosineEdge = Quantiles.Median(edgeRuns.Select(r => Cosine(r) ?? double.NaN)),
            LowestCosineEdge = Quantiles.Of(edgeRuns.Select(r => Cosine(r) ?? double.NaN), 0),
            EdgeFraction = edge,
            N = s.N,
            ScaleFactorMeasured = Quantiles.Median(factors.Select(f => f.Measured)),
            ScaleFactorPredicted = Quantiles.Median(factors.Select(f => f.Predicted)),
            FactorNearPredicted = Tally.Count(factors.Select(f => (bool?)(Math.Abs(f.Measured / f.Predicted - 1) <= FactorTolerance))),
            FactorNearN = Tally.Count(factors.Select(f => (bool?)(Math.Abs(f.Measured / s.N - 1) <= FactorTolerance))),
            GdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(gd),
            SgdLargestConvergentStepsize = RunGroups.MedianLargestConvergentStepsize(sgd),
            GdStabilityAtStart = Quantiles.Median(start),
            GdStabilityAtLimit = Quantiles.Median(limit),
            GdGuaranteeScale = Quantiles.Median(firstOfDataset.Select(r => Guarantee(r, s.N))),
            SgdGuaranteeScale = Quantiles.Median(firstOfDataset.Select(r => Guarantee(r, 1))),
            GdStepsizeOverLimitStability = Quantiles.Median(gdEdge.Select((r, k) => r.Stepsize / limit[k])),
            GdBelowLimitStability = Tally.Count(gdEdge.Select((r, k) => double.IsNaN(limit[k]) ? null : (bool?)(r.Stepsize <= (1 + ThresholdSlack) * limit[k]))),
            GdBelowStartStability = Tally.Count(gdEdge.Select((r, k) => (bool?)(r.Stepsize <= (1 + ThresholdSlack) * start[k]))),
        };
    }

    /// <summary>Every sentence, in report order (figure 7, figure 8, the thresholds).</summary>
    public IReadOnlyList<string> Sentences() => [.. Figure("fig7"), .. Figure("fig8"), Thresholds()];

    /// <summary>The sentences about one figure (fig7 or fig8); none for another name.</summary>
    public IReadOnlyList<string> Figure(string figure) => figure switch
    {
        "fig7" =>
        [
            $"argmin ψ_α∞ with beta0~ dropped is within {F(NegligibleBound)} relative distance of the run's limit on {GdPerturbationNegligible} converged GD runs and {SgdPerturbationNegligible} converged SGD runs (medians {F(GdPerturbationAtSmallest)} at {F(SmallestFraction)} γ_max and {F(GdPerturbationAtLargest)} at {F(LargestFraction)} γ_max for GD, {F(SgdPerturbationAtSmallest)} and {F(SgdPerturbationAtLargest)} for SGD): for GD {GdPerturbationNegligible.Against("the paper's claim that beta0~ is negligible")}; for SGD {SgdPerturbationNegligible.Against("it")}.",
        ],
        "fig8" =>
        [
            $"At γ = {F(ShapeStepsize)} the gain's shape agrees with E[g_B(β₀)²] (cosine similarity above {F(ShapeAgreement)}) on {ShapeAgreesSmall} runs over b in {{{string.Join(", ", BatchSizes)}}} (median {F(MedianCosineSmall)}, lowest {F(LowestCosineSmall)}), and at each b's largest convergent stepsize on {ShapeAgreesEdge} (median {F(MedianCosineEdge)}, lowest {F(LowestCosineEdge)}): at the small stepsize {ShapeAgreesSmall.Against("the prediction from the first iterates")}; at the edge {ShapeAgreesEdge.Against("it")}.",
            $"From b = 1 to b = n = {N} at γ = {F(ShapeStepsize)}, ‖Gain‖₁ falls by a median factor {F(ScaleFactorMeasured)} over {FactorNearPredicted.Of} datasets, against {F(ScaleFactorPredicted)} predicted from E[g_B(β₀)²] and {N} by the report's linear law; the measured factor is within {F(FactorTolerance * 100)}% of the prediction on {FactorNearPredicted} datasets and within {F(FactorTolerance * 100)}% of n on {FactorNearN}: {FactorNearPredicted.Against("the prediction")}; {FactorNearN.Against("the report's factor n")}.",
        ],
        _ => [],
    };

    // A ratio near 1 needs more digits than G3 gives; NaN is said, never printed.
    private static string Ratio(double x) => double.IsNaN(x) ? NotMeasured : x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stepsize thresholds beside the measured largest convergent stepsizes.</summary>
    public string Thresholds() =>
        $"Stepsize thresholds (medians over datasets): GD's largest convergent stepsize {F(GdLargestConvergentStepsize)} is {Ratio(GdStepsizeOverLimitStability)} times 2/λ_max at the limit it reaches there ({F(GdStabilityAtLimit)}) and at most that (within {F(ThresholdSlack * 100)}%) on {GdBelowLimitStability} datasets, and at most 2/λ_max at initialisation ({F(GdStabilityAtStart)}) on {GdBelowStartStability}: {GdBelowLimitStability.Against("linear stability of GD's limit")}. The convergence guarantee γ ≤ c/(L B) has no explicit constant c; its scale 1/(L B) (L the batch smoothness, B = ‖β_ℓ1‖_∞) is {F(GdGuaranteeScale)} for GD and {F(SgdGuaranteeScale)} for SGD; the measured largest convergent stepsizes ({F(SgdLargestConvergentStepsize)} for SGD) are {F(GdLargestConvergentStepsize / GdGuaranteeScale)} and {F(SgdLargestConvergentStepsize / SgdGuaranteeScale)} times these scales.";
}
