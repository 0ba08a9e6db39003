using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Figures 7 and 8, the theory's predictions against the stored runs: the numbers each plots, summarised over datasets.
/// Nothing here trains; the predicted gain shapes are computed from each run's dataset (regenerated from its seed).
/// </summary>
internal static class TheoryFigureData
{
    /// <summary>Figure 7: distance of beta_inf to argmin psi_{alpha_inf} (beta0~ dropped) and with beta0~ kept, GD and SGD.</summary>
    public static FigureSpec Figure7(IReadOnlyList<StoredRun> stepsizeRuns, ReproductionSettings s)
    {
        Algorithm[] algorithms = [Algorithm.Gd(s.N), Algorithm.Sgd];
        var without = algorithms.Select(a => RunGroups.AgainstStepsize($"{a.Name}, β0~ dropped", a.PaletteIndex, a.Of(stepsizeRuns),
            r => r.DistanceWithoutBetaTilde0)).ToArray();
        var with = algorithms.Select(a => RunGroups.AgainstStepsize($"{a.Name}, β0~ kept (consistency check)", a.PaletteIndex, a.Of(stepsizeRuns),
            r => r.Theorem22Residual)).ToArray();
        var markers = algorithms.Select(a => new VerticalMarker(RunGroups.MedianLargestConvergentStepsize(a.Of(stepsizeRuns)),
            $"largest convergent γ, {a.Name} (median)", a.PaletteIndex)).ToArray();
        return TheoryFigures.PerturbationAgainstStepsize(without, with, markers);
    }

    /// <summary>
    /// Figure 8: measured and predicted normalised gain shapes per batch size at the fixed small stepsize (the
    /// "gain-shape" runs) and at each batch size's largest convergent stepsize (the "batch-size" runs at their largest
    /// fraction); the gain scale against b at the fixed stepsize, measured and predicted; the cosine similarities.
    /// </summary>
    public static FigureSpec Figure8(IReadOnlyList<StoredRun> shapeRuns, IReadOnlyList<StoredRun> batchRuns, ReproductionSettings s)
    {
        var predictions = new PredictedShapes();
        double largest = s.BatchSizeFractions.Max();
        var batchSizes = s.BatchSizes.Distinct().Order().ToArray();
        var rows = new (string At, IEnumerable<StoredRun> Runs)[]
        {
            ($"γ = {F(s.GainShapeStepsize)}", shapeRuns),
            (PaperFigureData.RelativeStepsize(largest), batchRuns.Where(r => r.StepsizeFraction == largest)),
        };
        var shapeRows = rows.Select(row => new TheoryFigures.ShapeRow(row.At, batchSizes.Select(b =>
        {
            var runs = row.Runs.Where(r => r.BatchSize == b && RunGroups.Usable(r)).ToArray();
            var measured = RunGroups.CoordinateQuantiles("measured (median, quartiles)", 0, runs.Select(RunGroups.NormalisedGain).ToArray());
            var predicted = RunGroups.CoordinateQuantiles("predicted E[g_B(β₀)²]", 1,
                runs.Select(r => GainShapePrediction.Normalised(predictions.Of(r))).ToArray()) with { Lower = null, Upper = null };
            double cosine = Quantiles.Median(runs.Select(r => r.GainShapeCosine ?? double.NaN));
            return (Name(b, s.N), measured, predicted, cosine);
        }).ToArray())).ToArray();

        var scale = ScaleAgainstBatchSize(shapeRuns, s.N, predictions);
        var cosines = rows.Select((row, k) => RunGroups.Against(row.At, k, row.Runs, r => r.BatchSize, r => r.GainShapeCosine)).ToArray();
        return TheoryFigures.GainShapePrediction(shapeRows, scale, $"γ = {F(s.GainShapeStepsize)}", cosines,
            Enumerable.Range(1, s.S).ToArray());
    }

    /// <summary>
    /// ||Gain||_1 against b at one stepsize: measured (median and quartiles over datasets), predicted from
    /// E[g_B(beta_0)^2] (each dataset's GD scale times sum E_b / sum E_n) and the linear law (GD's scale times n / b).
    /// </summary>
    internal static SeriesSpec[] ScaleAgainstBatchSize(IReadOnlyList<StoredRun> runs, int n, PredictedShapes predictions)
    {
        var gd = runs.Where(r => r.BatchSize == n && RunGroups.Usable(r)).ToDictionary(r => r.DatasetKey, r => r.GainL1);
        double Anchored(StoredRun r, Func<double> factor) => gd.TryGetValue(r.DatasetKey, out double g) ? g * factor() : double.NaN;
        return
        [
            RunGroups.Against("measured", 0, runs, r => r.BatchSize, r => r.GainL1),
            RunGroups.Against("predicted from E[g_B(β₀)²]", 1, runs, r => r.BatchSize,
                r => Anchored(r, () => predictions.ScaleRatio(r, r.BatchSize, n))) with { Lower = null, Upper = null },
            RunGroups.Against("n / b times GD's", 2, runs, r => r.BatchSize, r => Anchored(r, () => (double)n / r.BatchSize)) with { Lower = null, Upper = null },
        ];
    }

    private static string Name(int b, int n) => b == n ? $"GD (b = {b})" : $"b = {b}";

    private static string F(double x) => x.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>E[g_B(0)^2] of a run's dataset and batch size, each dataset generated once.</summary>
    internal sealed class PredictedShapes
    {
        private readonly Dictionary<string, RegressionProblem> _problems = [];
        private readonly Dictionary<(string, int), double[]> _shapes = [];

        public double[] Of(StoredRun r, int? batchSize = null)
        {
            int b = batchSize ?? r.BatchSize;
            if (_shapes.TryGetValue((r.DatasetKey, b), out var shape)) return shape;
            var p = Problem(r);
            return _shapes[(r.DatasetKey, b)] = GainShapePrediction.ExpectedSquaredGradient(p.X, p.Y, b);
        }

        /// <summary>
        /// The predicted scale ratio ||Gain||_1(b1) / ||Gain||_1(b2) on the run's dataset (<see cref="GainShapePrediction.ScaleRatio"/>,
        /// from the cached shapes).
        /// </summary>
        public double ScaleRatio(StoredRun r, int b1, int b2) => Of(r, b1).Sum() / Of(r, b2).Sum();

        /// <summary>The run's training data (the test set is not needed and its size changes neither X nor y).</summary>
        public RegressionProblem Problem(StoredRun r)
        {
            if (!_problems.TryGetValue(r.DatasetKey, out var p))
                _problems[r.DatasetKey] = p = SparseRegression.Generate(r.ProblemSpec() with { NTest = 1 });
            return p;
        }
    }
}
