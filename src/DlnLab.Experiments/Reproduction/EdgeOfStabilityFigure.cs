using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Figure 5, the edge of stability: GD and SGD (b = 1) on the first dataset of the stepsize sweep, each at
/// <see cref="Fraction"/> of its own largest convergent stepsize (the stored threshold of figures 1 to 3: the sweep
/// has the same seeds, so the same threshold keys), with their trajectories kept: the training loss over steps (log
/// axes), every coordinate of beta over steps (the support of beta* in colour), and the sharpness (lambda_max of the
/// Hessian of the training loss in (u, v)) against 2/gamma.
/// </summary>
internal static class EdgeOfStabilityFigure
{
    /// <summary>The sweep's name in the store.</summary>
    public const string SweepName = "edge";

    /// <summary>gamma / gamma_max of both runs: just below the largest convergent stepsize.</summary>
    public const double Fraction = 0.99;

    /// <summary>Log-spaced checkpoints per decade of the kept trajectories.</summary>
    public const int CheckpointsPerDecade = 25;

    /// <summary>Palette index of the coordinates off the support of beta* (black).</summary>
    private const int OffSupportColour = 6;

    /// <summary>The sweep: the stepsize sweep's first dataset and batch sizes, one relative stepsize, trajectories kept.</summary>
    public static SweepSpec Sweep(ReproductionSettings s)
    {
        var stepsize = PaperSweeps.StepsizeSweep(s);
        return stepsize with
        {
            Name = SweepName,
            DataSeeds = [stepsize.ResolvedDataSeeds()[0]],
            Stepsize = StepsizeAxis.Relative([Fraction]),
            KeepTrajectories = true,
            CheckpointsPerDecade = CheckpointsPerDecade,
        };
    }

    /// <summary>The figure's caption (the fraction from <see cref="Fraction"/>).</summary>
    public static string Caption { get; } =
        $"The edge of stability: GD (left) and SGD with b = 1 (right), each at {G(Fraction)} of its own largest convergent stepsize on one dataset: training loss over steps (log axes), every coordinate of β_k over steps (support of β* in colour, the others in black), and the sharpness λ_max(∇²F(u_k, v_k)) against 2/γ.";

    /// <summary>The figure from the sweep's stored runs; a run without a kept trajectory leaves its panels empty.</summary>
    public static FigureSpec Figure(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var algorithms = new[] { Algorithm.Gd(s.N), Algorithm.Sgd };
        var panels = new List<PanelSpec>();
        var trajectories = algorithms.Select(a => (Algorithm: a, Run: a.Of(runs).FirstOrDefault())).ToArray();
        foreach (var (a, run) in trajectories)
            panels.Add(Panel($"{a.Name}: training loss", "training loss L(β_k)", true,
                run is null ? [] : [Series("training loss", Steps(run), Values(run, RunColumns.TrajectoryTrainLoss), a.PaletteIndex)]));
        foreach (var (a, run) in trajectories)
            panels.Add(Panel($"{a.Name}: coordinates of β_k", "β_k,i", false, run is null ? [] : Coordinates(run, s.S)) with { Legend = LegendPosition.None });
        foreach (var (a, run) in trajectories)
        {
            var panel = Panel($"{a.Name}: sharpness", "λ_max(∇²F)", false,
                run is null ? [] : [Series("sharpness", Steps(run), Values(run, RunColumns.TrajectorySharpness), a.PaletteIndex)]);
            panels.Add(run is null ? panel : panel with { ReferenceLines = [new ReferenceLine(2 / run.Stepsize, "2/γ")], Legend = LegendPosition.LowerRight });
        }
        return new FigureSpec { Name = "fig5", Panels = panels, Columns = 2, PanelWidth = 640, PanelHeight = 400 };
    }

    /// <summary>A sentence from the two runs: status, steps, the sharpness's peak and end against 2/gamma.</summary>
    public static string Finding(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var parts = new List<string>();
        double bounceFactor = Sweep(s).BounceFactor;
        foreach (var a in new[] { Algorithm.Gd(s.N), Algorithm.Sgd })
        {
            var run = a.Of(runs).FirstOrDefault();
            if (run is null || Steps(run).Length == 0)
            {
                parts.Add($"{a.Name} has no kept trajectory (no convergent stepsize was found)");
                continue;
            }
            var sharpness = Values(run, RunColumns.TrajectorySharpness).Where(double.IsFinite).ToArray();
            string peak = sharpness.Length == 0 ? "its sharpness could not be computed"
                : $"its sharpness peaked at {G(sharpness.Max())} and ended at {G(sharpness[^1])} against 2/γ = {G(2 / run.Stepsize)}";
            parts.Add($"{a.Name} at γ = {G(run.Stepsize)} {StatusWords(run.Status)} after {run.Steps} steps ({(run.Bounced ? "its loss bounced" : $"its loss never rose above {G(bounceFactor)} times its running minimum")}); {peak}");
        }
        return $"At {G(Fraction)} of their largest convergent stepsizes: " + string.Join("; ", parts) + ".";
    }

    private static string StatusWords(string status) => status switch
    {
        "Converged" => "converged",
        "Diverged" => "diverged",
        "Oscillating" => "was still oscillating",
        "BudgetExhausted" => "ran out of budget",
        _ => status,
    };

    private static PanelSpec Panel(string title, string yLabel, bool logY, IReadOnlyList<SeriesSpec> series) => new()
    {
        Title = title, XLabel = "step k", YLabel = yLabel, LogX = true, LogY = logY, Series = series,
    };

    private static SeriesSpec Series(string name, double[] steps, double[] values, int palette) =>
        new SeriesSpec(name, steps, values) { Style = SeriesStyle.Line, PaletteIndex = palette };

    // Every coordinate: the support of beta* (the leading s under the report's setting) in colour, the rest in black.
    private static SeriesSpec[] Coordinates(StoredRun run, int s)
    {
        var steps = Steps(run);
        var beta = (double[])run[RunColumns.TrajectoryBeta]!;
        int d = run.D;
        return Enumerable.Range(0, d).Select(i =>
        {
            var values = Enumerable.Range(0, steps.Length).Select(c => beta[(c + First(run)) * d + i]).ToArray();
            bool support = i < s;
            return new SeriesSpec(support ? $"β_{i + 1} (support)" : $"β_{i + 1}", steps, values)
            {
                Style = SeriesStyle.Line, PaletteIndex = support ? i % OffSupportColour : OffSupportColour,
            };
        }).Reverse().ToArray(); // the support drawn last, on top
    }

    // Step 0 cannot be drawn on a log axis: the curves start at the first checkpoint after it.
    private static int First(StoredRun run) => ((double[])run[RunColumns.TrajectoryStep]!).TakeWhile(k => k < 1).Count();

    private static double[] Steps(StoredRun run) => ((double[])run[RunColumns.TrajectoryStep]!)[First(run)..];

    private static double[] Values(StoredRun run, RunColumn column) => ((double[])run[column]!)[First(run)..];

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
