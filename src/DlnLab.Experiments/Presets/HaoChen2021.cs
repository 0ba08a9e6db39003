using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce haochen2021`: label-noise GD against GD on the one-signed model beta = v ⊙ v (the uv model from
/// u0 = v0, whose stepsize is twice the v ⊙ v model's), with ||beta_k - beta*||^2 over steps.
/// </summary>
internal sealed class HaoChen2021 : IPreset
{
    /// <summary>The spec file under presets/.</summary>
    public const string SpecFile = "haochen2021.toml";

    /// <inheritdoc />
    public string Name => "haochen2021";

    /// <inheritdoc />
    public string Paper => "J. Z. HaoChen, C. Wei, J. D. Lee, T. Ma (2021), Shape matters: understanding the implicit bias of the noise covariance (COLT)";

    /// <inheritdoc />
    public string PaperSetting =>
        "GD and label-noise GD on beta = v ⊙ v: d = 100, n = 40, x ~ N(0, I), noiseless labels of a w* with 5 coordinates at 1, " +
        "lr 0.01 (stepsize 0.02 in the uv form u0 = v0 run here), from the all-ones start v0 = 1; here 10 datasets, " +
        "label noise delta in {0.5, 1, 2}, 10^6 steps, trajectories log-spaced.";

    /// <inheritdoc />
    public IReadOnlyList<PresetSweep> Sweeps { get; } =
        [new(SpecFile, ["seeds.datasets=3", "training.label_noise=[0.0, 1.0, 2.0]", "training.max_steps=100000"])];

    /// <inheritdoc />
    public PresetPage Draw(PresetContext context)
    {
        var runs = context.Runs(SpecFile);
        var curves = LabelNoiseCurves.Of(runs);
        var deltas = curves.Select(c => c.Delta).Distinct().Order().ToList();
        var trajectories = new PanelSpec
        {
            Title = "‖β_k − β*‖² over steps (median, quartiles over datasets)",
            XLabel = "step k", YLabel = "||β_k − β*||²", LogX = true, LogY = true,
            Series = deltas.Select((delta, i) => TrajectorySeries(Label(delta), curves.Where(c => c.Delta == delta).ToList(), i)).ToList(),
        };
        var finals = deltas.Select(delta => curves.Where(c => c.Delta == delta).Select(c => c.FinalDistance).ToList()).ToList();
        var final = new PanelSpec
        {
            Title = "at the last step",
            XLabel = "label noise δ", YLabel = "||β − β*||²", LogY = true,
            Series =
            [
                new SeriesSpec("median over datasets", deltas, finals.Select(Quantiles.Median).ToList())
                    .WithBand(finals.Select(f => Quantiles.Of(f, 0.25)).ToList(), finals.Select(f => Quantiles.Of(f, 0.75)).ToList()),
            ],
        };
        var figure = new FigureSpec { Name = Name + "-fig1", Panels = [trajectories, final], Columns = 2 };
        int datasets = curves.Select(c => c.DatasetKey).Distinct().Count();
        return new PresetPage(
            [new PresetFigure(figure,
                $"Squared distance to beta* of GD (δ = 0) and label-noise GD over steps (left) and at the last step against δ (right), median and interquartile band over {datasets} datasets.",
                "HaoChen et al.'s claim: label noise moves GD from the dense interpolator it reaches from a large start towards the sparse beta*.",
                runs)],
            LabelNoiseFindings.Of(curves));
    }

    private static SeriesSpec TrajectorySeries(string name, IReadOnlyList<LabelNoiseCurve> curves, int palette)
    {
        // Checkpoints are the same steps in every run of a sweep (log-spaced, to the same budget); step 0 is off a log axis.
        var steps = curves.OrderByDescending(c => c.Steps.Length).First().Steps;
        var xs = new List<double>();
        var (medians, lower, upper) = (new List<double>(), new List<double>(), new List<double>());
        for (int k = 0; k < steps.Length; k++)
        {
            if (steps[k] < 1) continue;
            var values = curves.Where(c => k < c.Distances.Length).Select(c => c.Distances[k]).ToList();
            xs.Add(steps[k]);
            medians.Add(Quantiles.Median(values));
            lower.Add(Quantiles.Of(values, 0.25));
            upper.Add(Quantiles.Of(values, 0.75));
        }
        return new SeriesSpec(name, xs, medians) { Style = SeriesStyle.Line, PaletteIndex = palette }.WithBand(lower, upper);
    }

    internal static string Label(double delta) => delta == 0 ? "GD (δ = 0)" : "label-noise GD, δ = " + delta.ToString("G3", CultureInfo.InvariantCulture);
}
