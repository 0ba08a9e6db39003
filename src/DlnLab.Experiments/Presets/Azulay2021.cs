using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Theory;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce azulay2021`: how the shape of the initialisation moves the implicit bias of beta = u ⊙ v at a fixed
/// scale. For every dataset, shape s and alpha of the spec it solves for gradient flow's limit from
/// u0 = alpha sqrt(1 + s), v0 = alpha sqrt(1 - s) (argmin D_psi_A(beta, u0 ⊙ v0), A = s alpha^2) and places it, and the
/// stored GD run, against the minimum-l1 interpolator and on the test set; then asks whether the shape acts through
/// the effective scale sqrt(A) = alpha sqrt(s).
/// </summary>
internal sealed class Azulay2021 : IPreset
{
    /// <summary>The spec file under presets/.</summary>
    public const string SpecFile = "azulay2021.toml";

    public string Name => "azulay2021";

    public string Paper => "S. Azulay, E. Moroshko, M. S. Nacson, B. Woodworth, N. Srebro, A. Globerson, D. Soudry (2021), On the implicit bias of initialization shape: beyond infinitesimal mirror descent";

    public string PaperSetting => "Gradient flow on a diagonal linear network from starts of one scale alpha and shape s in {0, 0.5, 0.7, 0.9, 0.99}, " +
        "alpha in logspace(-5, -0.6, 20); d = 1000, n = 100, beta* 5-sparse; the interpolator reached against alpha for each shape.";

    public IReadOnlyList<PresetSweep> Sweeps { get; } =
    [
        new(SpecFile, ["seeds.datasets=3", "problem.n=40", "problem.d=200",
            "training.alpha=[1e-05, 8.439481965654006e-05, 0.0007122485584859921, 0.006011008864405587, 0.05072980090653732, 0.25118864315095824]"]),
    ];

    public PresetPage Draw(PresetContext context)
    {
        var runs = context.Runs(SpecFile);
        var interpolators = DatasetInterpolators.For(runs, context.Threads, context.Cancellation);
        var points = Measure(context.Spec(SpecFile), runs, interpolators, context.Threads, context.Cancellation);
        var shapes = points.Select(p => p.Shape).Distinct().Order().ToArray();
        int datasets = points.Select(p => p.DatasetKey).Distinct().Count();
        string Label(double s) => $"s = {s:G3}";
        int Palette(double s) => Array.IndexOf(shapes, s);

        SeriesSpec[] Curves(Func<ShapePoint, double> x, Func<ShapePoint, double> flow, Func<ShapePoint, double>? run, IEnumerable<double> which) =>
            which.SelectMany(s =>
            {
                var mine = points.Where(p => p.Shape == s).ToArray();
                var line = PresetSeries.Summary($"gradient flow, {Label(s)}", Palette(s), SeriesStyle.Line, mine.Select(p => (x(p), flow(p))));
                return run is null ? [line] : new[] { line, PresetSeries.Summary($"GD, {Label(s)}", Palette(s), SeriesStyle.Markers, mine.Select(p => (x(p), run(p)))) };
            }).ToArray();

        var againstAlpha = new FigureSpec
        {
            Name = Name + "-fig1", Columns = 2, PanelWidth = 640, PanelHeight = 480,
            Panels =
            [
                new PanelSpec
                {
                    Title = "Distance to the minimum-ℓ1 interpolator", XLabel = "scale α ((u0² + v0²)/2 = α²)", YLabel = "‖β − β_ℓ1‖ / ‖β_ℓ1‖",
                    LogX = true, LogY = true, Legend = LegendPosition.LowerRight,
                    Series = Curves(p => p.Alpha, p => p.FlowToL1, p => p.RunToL1, shapes),
                },
                new PanelSpec
                {
                    Title = "Test loss", XLabel = "scale α ((u0² + v0²)/2 = α²)", YLabel = "test loss", LogX = true, LogY = true, Legend = LegendPosition.LowerRight,
                    Series = Curves(p => p.Alpha, p => p.FlowTestLoss, p => double.IsFinite(p.RunToFlow) ? p.Run!.TestLoss ?? double.NaN : double.NaN, shapes),
                },
            ],
        };
        var positive = shapes.Where(s => s != 0).ToArray();
        var againstEffective = FigureSpec.Single(Name + "-fig2", new PanelSpec
        {
            Title = "The same against the effective scale √A = α √s", XLabel = "√A = α √|s|", YLabel = "‖β − β_ℓ1‖ / ‖β_ℓ1‖",
            LogX = true, LogY = true, Legend = LegendPosition.LowerRight,
            Series = Curves(p => p.EffectiveScale, p => p.FlowToL1, null, positive),
        });
        string over = $"median and interquartile band over {datasets} datasets";
        return new PresetPage(
        [
            new PresetFigure(againstAlpha,
                $"Relative distance to the minimum-ℓ1 interpolator (left) and test loss (right) against the scale α, for the shapes s = {string.Join(", ", shapes.Select(s => s.ToString("G3")))} " +
                $"(u0 = α√(1+s), v0 = α√(1−s)): gradient flow's exact limit (lines) and GD's last iterate (markers, usable runs only), {over}.",
                "At one scale α, the shape moves the bias: Azulay et al. find a more balanced start (s near 0) closer to the rich, minimum-ℓ1 regime.",
                runs),
            new PresetFigure(againstEffective,
                $"Gradient flow's relative distance to the minimum-ℓ1 interpolator against √A = α√|s| (A = |u0² − v0²|/2) for the shapes s ≠ 0, {over}; s = 0 has A = 0 and is left out.",
                "If the shape acts through A alone (MATH.md, general initialisation), the curves of fig1 fall onto one another here.",
                runs),
        ], Findings(points));
    }

    /// <summary>Every (dataset, shape, alpha) of the sweep: gradient flow's limit from that start, and the stored GD run.</summary>
    internal static IReadOnlyList<ShapePoint> Measure(SweepSpec spec, IReadOnlyList<StoredRun> runs,
        IReadOnlyDictionary<string, DatasetInterpolators> interpolators, int threads, CancellationToken cancellation)
    {
        var shapes = spec.Shape ?? throw new InvalidInputException("training.shape", "is not set; the azulay2021 preset sweeps the initialisation shape");
        var byStart = PresetWork.SmallestStepsize(runs.Where(r => r.U0 is not null && r.V0 is not null),
            r => (r.DatasetKey, r.Alpha, U0: r.U0!.Value, V0: r.V0!.Value));
        return PresetWork.OverGrid(interpolators.Keys, shapes, spec.Alpha, threads, cancellation, (key, shape, alpha) =>
        {
            var data = interpolators[key];
            int d = data.Problem.D;
            double u0 = SweepSpec.ShapedU0(alpha, shape), v0 = SweepSpec.ShapedV0(alpha, shape);
            var flow = DatasetInterpolators.Limit(() => Interpolators.GradientFlowFrom(data.Problem.X, data.Problem.Y, Enumerable.Repeat(u0, d).ToArray(), Enumerable.Repeat(v0, d).ToArray()));
            var run = byStart.GetValueOrDefault((key, alpha, u0 == 0 ? 0.0 : u0, v0 == 0 ? 0.0 : v0));
            var beta = DatasetInterpolators.UsableBeta(run);
            return new ShapePoint(key, shape, alpha, data.ToMinimumL1(flow), data.TestLoss(flow), run, data.ToMinimumL1(beta),
                DatasetInterpolators.RelativeDistance(beta, flow));
        });
    }

    /// <summary>
    /// At one dataset and alpha, for each two neighbouring shapes of the grid, whether the smaller shape's gradient-flow
    /// limit lies closer to the minimum-l1 interpolator.
    /// </summary>
    internal static Tally SmallerShapeIsRicher(IReadOnlyList<ShapePoint> points) =>
        Tally.Count(points.GroupBy(p => (p.DatasetKey, p.Alpha)).SelectMany(g =>
        {
            var ordered = g.OrderBy(p => p.Shape).ToArray();
            return ordered.Zip(ordered.Skip(1)).Select(pair => double.IsFinite(pair.First.FlowToL1) && double.IsFinite(pair.Second.FlowToL1)
                ? pair.First.FlowToL1 < pair.Second.FlowToL1 : (bool?)null);
        }));

    /// <summary>For one shape, on how many datasets the distance to minimum l1 is smaller at the smallest alpha than at the largest.</summary>
    internal static Tally RichAsAlphaFalls(IReadOnlyList<ShapePoint> points, double shape) =>
        Tally.Count(EndPairs.Of(points.Where(p => p.Shape == shape), p => p.DatasetKey, p => p.Alpha, p => p.FlowToL1).Select(p => (bool?)(p.Small < p.Large)));

    /// <summary>
    /// How far apart the curves of two shapes s1 &lt; s2 (both nonzero) lie, in decades of the distance to minimum l1:
    /// the median over datasets, shape pairs and the points of s1 of |log10 d_s1 - log10 d_s2|, with d_s2 read at the
    /// same alpha (<paramref name="effective"/> false) or at the same alpha sqrt(s) (true, interpolated linearly in
    /// log-log between s2's grid points; points outside s2's range are skipped). NaN when nothing compares.
    /// </summary>
    internal static (double Median, int Count) Gap(IReadOnlyList<ShapePoint> points, bool effective)
    {
        var gaps = new List<double>();
        foreach (var dataset in points.Where(p => p.Shape != 0 && p.FlowToL1 > 0 && double.IsFinite(p.FlowToL1)).GroupBy(p => p.DatasetKey))
        {
            var byShape = dataset.GroupBy(p => p.Shape).OrderBy(g => g.Key).Select(g => g.OrderBy(p => p.Alpha).ToArray()).ToArray();
            for (int i = 0; i + 1 < byShape.Length; i++)
            {
                var other = byShape[i + 1];
                foreach (var p in byShape[i])
                {
                    double x = Math.Log10(effective ? p.EffectiveScale : p.Alpha);
                    if (Interpolate(other, q => Math.Log10(effective ? q.EffectiveScale : q.Alpha), x) is double y)
                        gaps.Add(Math.Abs(Math.Log10(p.FlowToL1) - y));
                }
            }
        }
        return (Quantiles.Median(gaps), gaps.Count);
    }

    // log10 of the distance to minimum l1 along a curve (sorted by x) at x, linear between neighbours; null outside.
    private static double? Interpolate(ShapePoint[] curve, Func<ShapePoint, double> xOf, double x)
    {
        for (int k = 0; k < curve.Length; k++)
        {
            double xk = xOf(curve[k]);
            if (xk == x) return Math.Log10(curve[k].FlowToL1);
            if (k + 1 < curve.Length && xk < x && x < xOf(curve[k + 1]))
            {
                double t = (x - xk) / (xOf(curve[k + 1]) - xk);
                return (1 - t) * Math.Log10(curve[k].FlowToL1) + t * Math.Log10(curve[k + 1].FlowToL1);
            }
        }
        return null;
    }

    private static List<string> Findings(IReadOnlyList<ShapePoint> points)
    {
        var findings = new List<string>();
        var shapes = points.Select(p => p.Shape).Distinct().Order().ToArray();
        if (shapes.Length == 0) return ["The sweep has no runs, so nothing is measured."];
        double smallest = points.Min(p => p.Alpha), largest = points.Max(p => p.Alpha);
        double Median(double s, double alpha) => Quantiles.Median(points.Where(p => p.Shape == s && p.Alpha == alpha).Select(p => p.FlowToL1));
        findings.Add("Gradient flow's relative distance to the minimum-ℓ1 interpolator is smaller at α = " + $"{smallest:G3} than at α = {largest:G3} " +
            string.Join("; ", shapes.Select(s => $"for s = {s:G3} on {RichAsAlphaFalls(points, s)} datasets (medians {Median(s, smallest):G3} and {Median(s, largest):G3})")) + ".");
        var richer = SmallerShapeIsRicher(points);
        var alphas = points.Select(p => p.Alpha).Distinct().Order().ToArray();
        var perAlpha = alphas.Select(a => (Alpha: a, Tally: SmallerShapeIsRicher(points.Where(p => p.Alpha == a).ToList()))).ToArray();
        var reversed = perAlpha.Where(p => p.Tally.Of > 0 && !p.Tally.Majority).ToArray();
        findings.Add($"At the same α, the smaller of two neighbouring shapes lies closer to the minimum-ℓ1 interpolator on {richer} (dataset, α, shape pair) comparisons " +
            $"({perAlpha[0].Tally} at α = {alphas[0]:G3}, {perAlpha[^1].Tally} at α = {alphas[^1]:G3}): " +
            (richer.Of == 0 ? "no two shapes are compared at the same α"
                : richer.Majority ? "a more balanced start moves the bias towards the rich regime, as Azulay et al. find"
                : "a more balanced start does not move the bias towards the rich regime here, contrary to what Azulay et al. find") +
            (reversed.Length == 0 ? "." : $"{(richer.Majority ? ", but" : ";")} the order is reversed on most comparisons at α = {string.Join(", ", reversed.Select(p => p.Alpha.ToString("G3")))}."));
        var atAlpha = Gap(points, effective: false);
        var atEffective = Gap(points, effective: true);
        if (atAlpha.Count > 0 && atEffective.Count > 0)
            findings.Add($"Between neighbouring shapes s ≠ 0 the curves lie a median {atAlpha.Median:G3} decades apart at the same α ({atAlpha.Count} points) " +
                $"and {atEffective.Median:G3} decades apart at the same √A = α√s ({atEffective.Count} points): " +
                (atEffective.Median < atAlpha.Median ? "the shape acts mostly through the effective scale A = s α² (fig2)." : "rescaling by √s does not bring the shapes together here."));
        if (shapes.Contains(0))
        {
            findings.Add($"The balanced start (s = 0, A = 0) ends at a median distance {Median(0, smallest):G3} from the minimum-ℓ1 interpolator at α = {smallest:G3} and {Median(0, largest):G3} at α = {largest:G3}, " +
                $"against {Median(shapes[^1], smallest):G3} and {Median(shapes[^1], largest):G3} for s = {shapes[^1]:G3}.");
        }
        findings.Add(PresetWork.AgainstGradientFlow(points.Where(p => p.Run is not null).Select(p => p.RunToFlow).ToArray()));
        int unsolved = points.Count(p => !double.IsFinite(p.FlowToL1));
        if (unsolved > 0) findings.Add($"A solver did not converge at {unsolved} of {points.Count} (dataset, s, α) points, which are left out.");
        return findings;
    }
}
