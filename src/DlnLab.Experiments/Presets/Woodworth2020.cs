using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Models;
using DlnLab.Theory;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce woodworth2020`: the kernel and rich regimes of the depth-D model beta = w+^D - w-^D from w± = alpha.
/// For every dataset, D and alpha of the spec it solves for gradient flow's interpolator argmin Q_D (exactly, by dual
/// Newton) and places it, and the stored GD run, against the minimum-l1 and minimum-l2 interpolators and on the test
/// set. The claim under test: the distance to the minimum-l1 interpolator falls as alpha falls, for every D.
/// </summary>
internal sealed class Woodworth2020 : IPreset
{
    /// <summary>The spec file under presets/.</summary>
    public const string SpecFile = "woodworth2020.toml";

    public string Name => "woodworth2020";

    public string Paper => "B. Woodworth, S. Gunasekar, J. D. Lee, E. Moroshko, P. Savarese, I. Golan, D. Soudry, N. Srebro (2020), Kernel and rich regimes in overparametrized models";

    public string PaperSetting => "Gradient flow on beta = w+^D - w-^D from w+ = w- = alpha for D = 2, 3, 4 over a range of alpha; " +
        "d = 1000, n = 100, Gaussian inputs, beta* 5-sparse with 1/sqrt(5) on its support, label noise of variance 0.01; " +
        "test error and distance to the minimum-l1 and minimum-l2 interpolators against alpha.";

    public IReadOnlyList<PresetSweep> Sweeps { get; } =
    [
        new(SpecFile, ["seeds.datasets=3", "problem.n=40", "problem.d=200", "training.alpha=[1e-4, 1e-3, 0.01, 0.1, 0.5]", "training.max_steps=10000"]),
    ];

    public PresetPage Draw(PresetContext context)
    {
        var runs = context.Runs(SpecFile);
        var interpolators = DatasetInterpolators.For(runs, context.Threads, context.Cancellation);
        var points = Measure(context.Spec(SpecFile), runs, interpolators, context.Threads, context.Cancellation);
        var depths = points.Select(p => p.Depth).Distinct().Order().ToArray();
        int datasets = points.Select(p => p.DatasetKey).Distinct().Count();

        PanelSpec Panel(string title, string y, Func<DepthRegimePoint, double> flow, Func<DepthRegimePoint, double> run) => new()
        {
            Title = title, XLabel = "initialisation scale α", YLabel = y, LogX = true, LogY = true, Legend = LegendPosition.LowerRight,
            Series = depths.SelectMany(d => new[]
            {
                PresetSeries.Summary($"gradient flow, D = {d}", d - 2, SeriesStyle.Line, points.Where(p => p.Depth == d).Select(p => (p.Alpha, flow(p)))),
                PresetSeries.Summary($"GD, D = {d}", d - 2, SeriesStyle.Markers, points.Where(p => p.Depth == d).Select(p => (p.Alpha, run(p)))),
            }).ToArray(),
        };
        var distances = new FigureSpec
        {
            Name = Name + "-fig1", Columns = 2, PanelWidth = 640, PanelHeight = 480,
            Panels =
            [
                Panel("Distance to the minimum-ℓ1 interpolator", "‖β − β_ℓ1‖ / ‖β_ℓ1‖", p => p.FlowToL1, p => p.RunToL1),
                Panel("Distance to the minimum-ℓ2 interpolator", "‖β − β_ℓ2‖ / ‖β_ℓ2‖", p => p.FlowToL2, p => p.RunToL2) with { Legend = LegendPosition.LowerLeft },
            ],
        };
        var testLoss = FigureSpec.Single(Name + "-fig2", new PanelSpec
        {
            Title = "Test loss of the interpolator reached", XLabel = "initialisation scale α", YLabel = "test loss", LogX = true, LogY = true,
            Legend = LegendPosition.LowerRight,
            Series = depths.SelectMany(d => new[]
            {
                PresetSeries.Summary($"gradient flow, D = {d}", d - 2, SeriesStyle.Line, points.Where(p => p.Depth == d).Select(p => (p.Alpha, p.FlowTestLoss))),
                PresetSeries.Summary($"GD, D = {d}", d - 2, SeriesStyle.Markers, points.Where(p => p.Depth == d)
                    .Select(p => (p.Alpha, double.IsFinite(p.RunToFlow) ? p.Run!.TestLoss ?? double.NaN : double.NaN))),
            }).ToArray(),
            ReferenceLines =
            [
                new(Quantiles.Median(interpolators.Values.Select(i => i.TestLoss(i.MinimumL1))), "minimum ℓ1 (median)"),
                new(Quantiles.Median(interpolators.Values.Select(i => i.TestLoss(i.MinimumL2))), "minimum ℓ2 (median)"),
            ],
        });
        string over = $"median and interquartile band over {datasets} datasets";
        return new PresetPage(
        [
            new PresetFigure(distances,
                $"Relative distance of the interpolator reached to the minimum-ℓ1 (left) and minimum-ℓ2 (right) interpolators against α, for D = {string.Join(", ", depths)}: " +
                $"gradient flow's exact limit argmin Q_D (lines) and GD's last iterate (markers, usable runs only), {over}.",
                "Small α is the rich regime (towards minimum ℓ1), large α the kernel regime (towards minimum ℓ2); Woodworth et al. find the transition for every D, earlier (at larger α) for deeper models.",
                runs),
            new PresetFigure(testLoss,
                $"Test loss of gradient flow's limit (lines) and of GD's last iterate (markers) against α for each D, {over}; the horizontal lines are the minimum-ℓ1 and minimum-ℓ2 interpolators' test losses (medians).",
                "Woodworth et al.: the sparse beta* is recovered in the rich regime, so the test loss falls towards the minimum-ℓ1 interpolator's as α falls.",
                runs),
        ], Findings(points));
    }

    /// <summary>Every (dataset, D, alpha) of the sweep: gradient flow's limit solved for and the stored GD run, against both interpolators.</summary>
    internal static IReadOnlyList<DepthRegimePoint> Measure(SweepSpec spec, IReadOnlyList<StoredRun> runs,
        IReadOnlyDictionary<string, DatasetInterpolators> interpolators, int threads, CancellationToken cancellation)
    {
        var depths = spec.Model.Where(m => m.Kind == ModelKind.Power).Select(m => m.Depth).Distinct().ToArray();
        var byPoint = PresetWork.SmallestStepsize(runs.Where(r => r.Model.StartsWith("power:", StringComparison.Ordinal)), r => (r.DatasetKey, r.Model, r.Alpha));
        return PresetWork.OverGrid(interpolators.Keys, depths, spec.Alpha, threads, cancellation, (key, depth, alpha) =>
        {
            var data = interpolators[key];
            var flow = DatasetInterpolators.Limit(() => Interpolators.GradientFlow(data.Problem.X, data.Problem.Y, depth, Enumerable.Repeat(alpha, data.Problem.D).ToArray()));
            var run = byPoint.GetValueOrDefault((key, ModelSpec.Power(depth).ToString(), alpha));
            var beta = DatasetInterpolators.UsableBeta(run);
            return new DepthRegimePoint(key, depth, alpha, data.ToMinimumL1(flow), data.ToMinimumL2(flow), data.TestLoss(flow),
                run, data.ToMinimumL1(beta), data.ToMinimumL2(beta), DatasetInterpolators.RelativeDistance(beta, flow));
        });
    }

    /// <summary>Per D, on how many datasets gradient flow's distance to the minimum-l1 interpolator is smaller at the smallest alpha than at the largest.</summary>
    internal static Tally RichAsAlphaFalls(IReadOnlyList<DepthRegimePoint> points, int depth) =>
        Ends(points, depth, p => p.FlowToL1, (small, large) => small < large);

    /// <summary>Per D, on how many datasets gradient flow's distance to the minimum-l2 interpolator is smaller at the largest alpha than at the smallest.</summary>
    internal static Tally KernelAsAlphaGrows(IReadOnlyList<DepthRegimePoint> points, int depth) =>
        Ends(points, depth, p => p.FlowToL2, (small, large) => large < small);

    private static Tally Ends(IReadOnlyList<DepthRegimePoint> points, int depth, Func<DepthRegimePoint, double> value, Func<double, double, bool> holds) =>
        Tally.Count(EndPairs.Of(points.Where(p => p.Depth == depth), p => p.DatasetKey, p => p.Alpha, value).Select(p => (bool?)holds(p.Small, p.Large)));

    // Per D and dataset: the distance to minimum l1 does not rise at any step down the alpha grid.
    private static Tally Monotone(IReadOnlyList<DepthRegimePoint> points, int depth) =>
        Tally.Count(points.Where(p => p.Depth == depth).GroupBy(p => p.DatasetKey).Select(g =>
        {
            var values = g.OrderByDescending(p => p.Alpha).Select(p => p.FlowToL1).ToArray();
            if (values.Length < 2 || !values.All(double.IsFinite)) return (bool?)null;
            return values.Zip(values.Skip(1)).All(v => v.Second <= v.First);
        }));

    private static List<string> Findings(IReadOnlyList<DepthRegimePoint> points)
    {
        var findings = new List<string>();
        var depths = points.Select(p => p.Depth).Distinct().Order().ToArray();
        if (depths.Length == 0) return ["The sweep has no power:D runs, so nothing is measured."];
        double smallest = points.Min(p => p.Alpha), largest = points.Max(p => p.Alpha);
        double Median(int d, double alpha, Func<DepthRegimePoint, double> value) =>
            Quantiles.Median(points.Where(p => p.Depth == d && p.Alpha == alpha).Select(value));
        var rich = depths.Select(d => (Depth: d, Tally: RichAsAlphaFalls(points, d))).ToArray();
        foreach (var (d, tally) in rich)
        {
            findings.Add($"D = {d}: gradient flow's relative distance to the minimum-ℓ1 interpolator is smaller at α = {smallest:G3} than at α = {largest:G3} on {tally} datasets " +
                $"(medians {Median(d, smallest, p => p.FlowToL1):G3} and {Median(d, largest, p => p.FlowToL1):G3}; it falls at every step down the α grid on {Monotone(points, d)}), " +
                $"its distance to the minimum-ℓ2 one is smaller at α = {largest:G3} on {KernelAsAlphaGrows(points, d)} " +
                $"(medians {Median(d, largest, p => p.FlowToL2):G3} and {Median(d, smallest, p => p.FlowToL2):G3}), " +
                $"and its test loss goes from {Median(d, largest, p => p.FlowTestLoss):G3} to {Median(d, smallest, p => p.FlowTestLoss):G3} (medians).");
        }
        var all = new Tally(rich.Count(r => r.Tally.All), rich.Length);
        findings.Add($"The distance to the minimum-ℓ1 interpolator falls as α falls on every dataset for {all} depths: " +
            (rich.All(r => r.Tally.Of == 0) ? "the α grid has no two ends to compare (one α, or no finite distances), so nothing is measured." :
                all.All ? "Woodworth et al.'s transition from the kernel to the rich regime holds for every D." :
                rich.Any(r => r.Tally.Of > 0 && !r.Tally.All)
                    ? $"the transition does not hold for D = {string.Join(", ", rich.Where(r => r.Tally.Of > 0 && !r.Tally.All).Select(r => r.Depth))} on every dataset."
                    : $"D = {string.Join(", ", rich.Where(r => r.Tally.Of == 0).Select(r => r.Depth))} has no two ends to compare, so the transition is not tested there."));
        if (depths.Length > 1)
        {
            int shallow = depths[0], deep = depths[^1];
            var pairs = points.Where(p => p.Depth == deep && p.Alpha < largest)
                .Join(points.Where(p => p.Depth == shallow), p => (p.DatasetKey, p.Alpha), q => (q.DatasetKey, q.Alpha), (p, q) => (Deep: p.FlowToL1, Shallow: q.FlowToL1))
                .Select(p => double.IsFinite(p.Deep) && double.IsFinite(p.Shallow) ? p.Deep < p.Shallow : (bool?)null);
            var closer = Tally.Count(pairs);
            findings.Add($"At the same α below {largest:G3}, D = {deep} lies closer to the minimum-ℓ1 interpolator than D = {shallow} on {closer} (dataset, α) pairs: " +
                (closer.Of == 0 ? "no pair has both depths' limits, so nothing is compared."
                : closer.Majority ? "deeper models reach the rich regime at larger α, as Woodworth et al. report." : "deeper models do not reach the rich regime at larger α here, contrary to what Woodworth et al. report."));
        }
        var trained = points.Where(p => p.Run is not null).ToArray();
        var unusable = trained.Where(p => !double.IsFinite(p.RunToFlow)).ToArray();
        findings.Add(PresetWork.AgainstGradientFlow(trained.Select(p => p.RunToFlow).ToArray()) + " Not usable: " +
            string.Join(", ", depths.Select(d => $"{unusable.Count(p => p.Depth == d)} at D = {d}")) +
            (unusable.Length == 0 ? "." : $" (all at α ≤ {unusable.Max(p => p.Alpha):G3})."));
        int unsolved = points.Count(p => !double.IsFinite(p.FlowToL1));
        if (unsolved > 0) findings.Add($"The gradient-flow solver or the minimum-ℓ1 solver did not converge at {unsolved} of {points.Count} (dataset, D, α) points, which are left out.");
        return findings;
    }
}
