using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce nacson2022`: the implicit bias of GD's stepsize on uncentered against centered inputs. Two sweeps of
/// the same grid (alpha x fractions of the largest convergent stepsize, GD), one on x ~ N(mu 1, I), one on centered
/// x; each run's last iterate is placed against the minimum-l1 interpolator of its dataset and on the test set. The
/// claim under test: on uncentered data a large stepsize moves GD towards the rich regime, on centered data it does not.
/// </summary>
internal sealed class Nacson2022 : IPreset
{
    /// <summary>The uncentered sweep's spec file under presets/.</summary>
    public const string UncenteredFile = "nacson2022-uncentered.toml";

    /// <summary>The centered sweep's spec file under presets/ (the same grid with mean 0).</summary>
    public const string CenteredFile = "nacson2022-centered.toml";

    private static readonly string[] Quick = ["seeds.datasets=3", "training.alpha=[0.01, 0.1, 1.0]", "stepsize.relative=[0.05, 0.3, 0.6, 0.9]"];

    public string Name => "nacson2022";

    public string Paper => "M. S. Nacson, K. Ravichandran, N. Srebro, D. Soudry (2022), Implicit bias of the step size in linear diagonal neural networks";

    public string PaperSetting => "GD on a 2-layer diagonal linear network over initialisation scales and stepsizes up to the largest convergent one, " +
        "on uncentered inputs against centered ones; their claim: on uncentered data large stepsizes move GD towards sparse, rich-regime interpolators, " +
        "an effect that centered data do not show. Run here on the report's sparse-regression problem (beta* with 3 Gaussian nonzeros of scale 10, " +
        "noiseless) at n = 30, d = 100, with x ~ N(1·1, I) and x ~ N(0, I).";

    public IReadOnlyList<PresetSweep> Sweeps { get; } = [new(UncenteredFile, Quick), new(CenteredFile, Quick)];

    public PresetPage Draw(PresetContext context)
    {
        var uncentered = context.Runs(UncenteredFile);
        var centered = context.Runs(CenteredFile);
        var interpolators = DatasetInterpolators.For([.. uncentered, .. centered], context.Threads, context.Cancellation);
        double ToL1(StoredRun r) => interpolators[r.DatasetKey].ToMinimumL1(r.Beta);
        double mean = context.Spec(UncenteredFile).Mean;
        var alphas = uncentered.Concat(centered).Select(r => r.Alpha).Distinct().Order().ToArray();

        PanelSpec Panel(string title, string y, IReadOnlyList<StoredRun> runs, Func<StoredRun, double?> metric) => new()
        {
            Title = title, XLabel = "stepsize γ / γ_max", YLabel = y, LogY = true, Legend = LegendPosition.UpperLeft,
            Series = alphas.Select((a, i) => RunGroups.Against($"α = {a:G3}", i, runs.Where(r => r.Alpha == a), r => r.StepsizeFraction ?? double.NaN, metric)).ToArray(),
        };
        FigureSpec Figure(string name, string y, Func<StoredRun, double?> metric) => new()
        {
            Name = name, Columns = 2, PanelWidth = 640, PanelHeight = 480,
            Panels = [Panel($"Uncentered inputs (μ = {mean:G3})", y, uncentered, metric), Panel("Centered inputs (μ = 0)", y, centered, metric)],
        };
        int datasets = uncentered.Select(r => r.DataSeed).Distinct().Count();
        string over = $"median and interquartile band over {datasets} datasets, usable runs only (converged, or out of budget near the tolerance)";
        return new PresetPage(
        [
            new PresetFigure(Figure(Name + "-fig1", "‖β − β_ℓ1‖ / ‖β_ℓ1‖", r => ToL1(r)),
                $"GD's relative distance to the minimum-ℓ1 interpolator against the stepsize as a fraction of its largest convergent one, one curve per α, on uncentered (left) and centered (right) inputs; {over}.",
                "Nacson et al.: on uncentered inputs the curves fall as γ grows (large stepsizes move GD towards the rich regime); on centered inputs they do not.",
                [.. uncentered, .. centered]),
            new PresetFigure(Figure(Name + "-fig2", "test loss", r => r.TestLoss),
                $"GD's test loss against γ / γ_max, one curve per α, on uncentered (left) and centered (right) inputs; {over}.",
                "The same claim seen through generalisation: on uncentered inputs the test loss should fall as γ grows, on centered inputs not.",
                [.. uncentered, .. centered]),
        ], Findings(uncentered, centered, ToL1, mean));
    }

    /// <summary>
    /// Per (dataset, alpha): whether <paramref name="metric"/> at the largest stepsize fraction is below its value at the
    /// smallest, both runs usable; with the medians of the two ends.
    /// </summary>
    internal static (Tally Tally, double Small, double Large) LargeStepsizeLower(IReadOnlyList<StoredRun> runs, Func<StoredRun, double> metric)
    {
        var pairs = EndPairs.Of(runs.Where(r => r.StepsizeFraction is not null), r => (r.DatasetKey, r.Alpha), r => r.StepsizeFraction!.Value,
            r => RunGroups.Usable(r) ? metric(r) : double.NaN);
        return (Tally.Count(pairs.Select(p => (bool?)(p.Large < p.Small))), Quantiles.Median(pairs.Select(p => p.Small)), Quantiles.Median(pairs.Select(p => p.Large)));
    }

    private static List<string> Findings(IReadOnlyList<StoredRun> uncentered, IReadOnlyList<StoredRun> centered, Func<StoredRun, double> toL1, double mean)
    {
        var fractions = uncentered.Concat(centered).Select(r => r.StepsizeFraction ?? double.NaN).Where(double.IsFinite).ToArray();
        if (fractions.Length == 0) return ["No run has a relative stepsize, so nothing is measured."];
        string ends = $"at γ = {fractions.Max():G3} γ_max than at {fractions.Min():G3} γ_max";
        string Lower((Tally Tally, double Small, double Large) m) => $"is lower {ends} on {m.Tally} (dataset, α) pairs (medians {m.Large:G3} and {m.Small:G3})";
        var l1Uncentered = LargeStepsizeLower(uncentered, toL1);
        var l1Centered = LargeStepsizeLower(centered, toL1);
        var testUncentered = LargeStepsizeLower(uncentered, r => r.TestLoss ?? double.NaN);
        var testCentered = LargeStepsizeLower(centered, r => r.TestLoss ?? double.NaN);
        var findings = new List<string>
        {
            $"On uncentered inputs (μ = {mean:G3}) GD's distance to the minimum-ℓ1 interpolator {Lower(l1Uncentered)}, and its test loss {Lower(testUncentered)}.",
            $"On centered inputs GD's distance to the minimum-ℓ1 interpolator {Lower(l1Centered)}, and its test loss {Lower(testCentered)}.",
        };
        bool uncenteredRicher = l1Uncentered.Tally.Majority, centeredRicher = l1Centered.Tally.Majority;
        findings.Add(l1Uncentered.Tally.Of == 0
            ? "No (dataset, α) pair has usable runs at both ends of the stepsize grid on uncentered inputs, so Nacson et al.'s claim is not tested."
            : uncenteredRicher && l1Centered.Tally.Of == 0
            ? "Large stepsizes move GD towards the rich regime on uncentered inputs, as Nacson et al. (2022) find; no centered (dataset, α) pair has usable runs at both ends, so the contrast is not tested."
            : uncenteredRicher && !centeredRicher
            ? "Large stepsizes move GD towards the rich regime on uncentered inputs and not on centered ones, as Nacson et al. (2022) find."
            : uncenteredRicher
                ? "Large stepsizes move GD towards the rich regime on uncentered inputs, as Nacson et al. (2022) find, but on centered ones too, which they do not."
                : "Large stepsizes do not move GD towards the rich regime on uncentered inputs here, contrary to Nacson et al. (2022).");
        var perAlpha = uncentered.Select(r => r.Alpha).Distinct().Order()
            .Select(a => (Alpha: a, Tally: LargeStepsizeLower(uncentered.Where(r => r.Alpha == a).ToList(), toL1).Tally)).ToArray();
        findings.Add("Per α on uncentered inputs, the distance falls with the stepsize on " +
            string.Join(", ", perAlpha.Select(p => $"{p.Tally} datasets at α = {p.Alpha:G3}")) + ".");
        return findings;
    }
}
