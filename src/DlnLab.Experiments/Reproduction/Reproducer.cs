using System.Diagnostics;
using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// `dln reproduce`: runs the sweeps behind the chosen figures into a store inside the output folder (resumable: a
/// second call computes only what is missing), then draws the figures from the stored runs and writes the report.
/// </summary>
public static class Reproducer
{
    /// <summary>Figure names, in report order.</summary>
    public static readonly IReadOnlyList<string> AllFigures = ["fig1", "fig2", "fig3", "fig4", "fig5", "fig6", "fig7", "fig8"];

    /// <summary>File name of the store inside the output folder.</summary>
    public const string StoreFile = "runs.db";

    /// <summary>The sweeps whose runs <paramref name="figures"/> are drawn from, in the order they run.</summary>
    public static List<SweepSpec> Sweeps(ReproductionSettings settings, IReadOnlyCollection<string> figures) =>
        ReproductionSweeps.Of(settings).For(figures);

    /// <summary>Runs and draws <paramref name="figures"/> (a subset of <see cref="AllFigures"/>) into <paramref name="outputDirectory"/>.</summary>
    public static ReproductionResult Run(ReproductionSettings settings, string outputDirectory, IReadOnlyCollection<string> figures,
        Action<string, SweepProgress>? progress = null, CancellationToken cancellation = default, string commandLine = "")
    {
        settings.Validated();
        foreach (var f in figures)
            if (!AllFigures.Contains(f)) throw new InvalidInputException("figure", f, $"must be {string.Join(", ", AllFigures)} or all");
        // Every file this writes, checked before anything is created: a folder, FIFO or device of one of these names
        // in the output folder is refused, not replaced.
        OutputPath.CheckFolder("out", outputDirectory);
        foreach (string file in OutputFiles(figures)) OutputPath.CheckFile("out", Path.Combine(outputDirectory, file), folderMayBeCreated: true);
        var paper = ReproductionSweeps.Of(settings);
        var sweeps = paper.For(figures);
        foreach (var sweep in sweeps) sweep.ValidateResources(settings.Threads);

        var clock = Stopwatch.StartNew();
        string storePath = Path.Combine(outputDirectory, StoreFile);
        using var store = ResultStore.Open(storePath);
        var options = TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = settings.Threads });
        int computed = 0, stored = 0;
        foreach (var sweep in sweeps)
        {
            var summary = SweepRunner.Run(sweep, store, options,
                progress is null ? null : new Progress(p => progress(sweep.Name, p)), cancellation);
            computed += summary.Computed;
            stored += summary.AlreadyStored;
        }
        var training = clock.Elapsed;

        // Only the runs of the settings asked for: the folder may also hold runs of other settings (alpha, datasets,
        // budget, ...) from earlier calls, which the figures and the report must not mix in.
        var stepsizeRuns = RunsOf(store, paper.Stepsize);
        var batchRuns = RunsOf(store, paper.BatchSize);
        var shapeRuns = RunsOf(store, paper.GainShape);
        var edgeRuns = RunsOf(store, paper.Edge);
        var uncenteredRuns = RunsOf(store, paper.Uncentered);
        var datasetKeys = stepsizeRuns.Concat(batchRuns).Select(r => r.DatasetKey).ToHashSet();
        var references = store.References().Where(r => datasetKeys.Contains(r.DatasetKey)).ToList();
        var findings = stepsizeRuns.Count > 0 ? Findings.Measure(stepsizeRuns, settings) : null;
        var predictions = TheoryFindings.Measure(stepsizeRuns, batchRuns, shapeRuns, settings);
        var batchFindings = BatchSizeFindings.Measure(batchRuns, settings);
        IReadOnlyList<string> Measured(string figure) =>
            [.. findings?.Figure(figure) ?? [], .. predictions.Figure(figure), .. figure == "fig4" ? batchFindings.Sentences() : []];
        var figureFindings = new List<string>();
        // The figures' data in report order; they are rendered afterwards, in parallel (each to its own files).
        var pending = new List<(FigureSpec Spec, IReadOnlyList<StoredRun> Runs, string Caption, string What)>();
        void Draw(FigureSpec spec, IReadOnlyList<StoredRun> runs, string caption, string what) => pending.Add((spec, runs, caption, what));
        foreach (var f in AllFigures.Where(figures.Contains))
        {
            switch (f)
            {
                case "fig1":
                    Draw(PaperFigureData.Figure1(stepsizeRuns, references, settings), stepsizeRuns,
                        "Test loss at convergence against stepsize, GD and SGD (b = 1): median and interquartile band over datasets.",
                        "Dashed: the gradient-flow interpolator's test loss; dotted: each algorithm's largest convergent stepsize. The report's claim under test: as the stepsize grows SGD's test loss falls while GD's does not improve.");
                    break;
                case "fig2":
                    Draw(PaperFigureData.Figure2(stepsizeRuns, settings), stepsizeRuns,
                        $"Shape of Gain_γ for GD and SGD (b = 1) at the smallest stepsize, {PaperFigureData.RelativeStepsize(settings.StepsizeFractions.Min())} (top), and at {PaperFigureData.RelativeStepsize(settings.ShapeFraction)} (bottom): per-coordinate median with interquartile range over datasets, support of β* shaded; and the scale ‖Gain_γ‖₁ against stepsize (median and interquartile band).",
                        "The report's claim under test: GD's gain concentrates on the support of β*, SGD's is nearly uniform, and the scale grows with the stepsize.");
                    break;
                case "fig3":
                    Draw(PaperFigureData.Figure3(stepsizeRuns, settings), stepsizeRuns,
                        "‖β∞ − β*‖₂ against stepsize for GD and SGD (b = 1): median and interquartile band over datasets.",
                        "The report's claim under test: at macroscopic stepsizes SGD recovers β* better while GD does not benefit.");
                    break;
                case "fig4":
                    Draw(PaperFigureData.Figure4(batchRuns, settings), batchRuns,
                        "Test loss against batch size b at matched relative stepsizes γ/γ_max, and the shape of the gain (divided by its mean) for each b at the largest.",
                        "New: the report states no result for 1 < b < n. The figure shows how the test loss at matched relative stepsizes and the shape of the gain change with b, between SGD's (b = 1) and GD's (b = n).");
                    break;
                case "fig7":
                    Draw(TheoryFigureData.Figure7(stepsizeRuns, settings), stepsizeRuns,
                        "Relative distance between β∞ and argmin ψ_α∞ over the interpolators (β0~ dropped) against stepsize, GD and SGD (b = 1): median and interquartile band over datasets; lines: the same distance with β0~ kept (the consistency check).",
                        "The paper's prediction under test: β0~ is negligible, so the limit is the gradient-flow interpolator with α replaced by α∞. The consistency check is the floor set by how close the runs are to interpolation.");
                    break;
                case "fig8":
                    Draw(TheoryFigureData.Figure8(shapeRuns, batchRuns, settings), [.. shapeRuns, .. batchRuns.Where(r => r.StepsizeFraction == settings.BatchSizeFractions.Max())],
                        $"Measured normalised gain (median and quartiles over datasets) and the shape predicted from the first iterates, E[g_B(β₀)²] normalised, for each batch size b at γ = {settings.GainShapeStepsize.ToString("G3", CultureInfo.InvariantCulture)} (top) and at each b's largest convergent stepsize (bottom), with the median cosine similarity; ‖Gain‖₁ against b at the fixed stepsize, measured, predicted and n/b times GD's; cosine similarity against b.",
                        "The report's section 3.2 under test: with q(x) ~ x² and β_k ~ β₀ early, the gain has the shape of E[g_B(β₀)²] = m² + (n − b)/(b(n − 1)) s², whose variance term alone falls like 1/b; section 3.1's claim under test: the scale falls linearly with b, a factor n between SGD and GD.");
                    break;
                case "fig5":
                    var edgeFinding = EdgeOfStabilityFigure.Finding(edgeRuns, settings);
                    figureFindings.Add(edgeFinding);
                    Draw(EdgeOfStabilityFigure.Figure(edgeRuns, settings), edgeRuns, EdgeOfStabilityFigure.Caption, edgeFinding);
                    break;
                case "fig6":
                    var uncenteredFinding = UncenteredFigure.Finding(stepsizeRuns, uncenteredRuns, settings);
                    figureFindings.Add(uncenteredFinding);
                    Draw(UncenteredFigure.Figure(stepsizeRuns, uncenteredRuns, settings), [.. stepsizeRuns, .. uncenteredRuns], UncenteredFigure.Caption(settings),
                        uncenteredFinding);
                    break;
            }
        }
        var outputs = new FigureOutput[pending.Count];
        try
        {
            Parallel.For(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellation },
                i => outputs[i] = FigureRenderer.Render(pending[i].Spec, outputDirectory));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first figure's own error (a full disk, say), as a sequential drawing would have raised it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var reportFigures = pending.Select((p, i) =>
        {
            var measured = Measured(p.Spec.Name);
            string what = measured.Count > 0 ? p.What + " Measured: " + string.Join(" ", measured) : p.What;
            return ReportFigure.From(outputs[i], FigureCaption.Complete(p.Caption, p.Spec, p.Runs), what, p.Runs.Count, p.Runs.Count(RunGroups.Converged));
        }).ToList();

        var all = stepsizeRuns.Concat(batchRuns).Concat(shapeRuns).Concat(edgeRuns).Concat(uncenteredRuns).ToArray();
        List<string> sentences = [.. findings?.Sentences() ?? [], .. figures.Contains("fig4") ? batchFindings.Sentences() : [],
            .. figures.Where(f => f is "fig7" or "fig8").SelectMany(predictions.Figure), .. figureFindings];
        if (stepsizeRuns.Count > 0) sentences.Add(predictions.Thresholds());
        var model = new ReportModel
        {
            Title = "DlnLab: implicit bias of SGD and GD on diagonal linear networks",
            Summary = string.Join(" ", sentences),
            Settings = SettingsTable(settings, all),
            Seeds = [.. sweeps.Select(s => s.Seed).Distinct()],
            SoftwareVersion = ResultStore.SoftwareVersion,
            CommandLine = commandLine,
            WallTime = clock.Elapsed,
            TrainingWallTime = training,
            RunsComputed = computed,
            LargestTheoremResidual = RunGroups.LargestTheorem22Residual(all),
            ResidualRuns = all.Count(RunGroups.Converged),
            DataSeeds = RunGroups.DatasetSeeds(all),
            StoredRunSeconds = all.Sum(r => r.WallSeconds),
            Figures = reportFigures,
            DistinctRuns = all.Length,
        };
        var report = ReportWriter.Write(model, outputDirectory);
        return new ReproductionResult(outputs, report, findings, computed, stored, clock.Elapsed, storePath) { Summary = sentences, Predictions = predictions };
    }

    /// <summary>The stored runs of <paramref name="sweep"/> that belong to its spec (same name, same settings), in store order.</summary>
    private static List<StoredRun> RunsOf(ResultStore store, SweepSpec sweep)
    {
        var keys = sweep.Expand().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return store.Runs(sweep.Name).Where(r => keys.Contains(r.Key)).ToList();
    }

    /// <summary>The names of the files written into the output folder for <paramref name="figures"/>.</summary>
    public static IEnumerable<string> OutputFiles(IEnumerable<string> figures) =>
        [StoreFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile, ReportWriter.SeedsFile, .. figures.SelectMany(f => new[] { f + ".png", f + ".svg", f + ".csv" })];

    private static KeyValuePair<string, string>[] SettingsTable(ReproductionSettings s, IReadOnlyCollection<StoredRun> runs)
    {
        static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        return
        [
            new("problem", $"n = {s.N}, d = {s.D}, s = {s.S}; {Inputs(s)}; {(s.Noise == 0 ? "noiseless labels" : $"label noise σ = {F(s.Noise)}")}; {Nonzeros(s)} on {(s.Support == Problems.SupportPlacement.Leading ? "the leading s coordinates" : "a random subset of s coordinates")}"),
            new("test set", $"{s.NTest} points"),
            new("initialisation", s.Model == Models.ModelSpec.Uv ? $"α = {F(s.Alpha)} (u0 = √2 α, v0 = 0)"
                : $"model {s.Model}: β = w₊^{s.Model.Depth} − w₋^{s.Model.Depth}, w₊ = w₋ = α = {F(s.Alpha)} at the start"),
            new("training", $"until training loss ≤ {F(s.Tolerance)} or {s.MaxSteps} steps; uniform random batches"),
            new("datasets", $"{s.Datasets} per configuration"),
            new("stepsizes, figures 1-3 and 7", "fractions of each configuration's largest convergent stepsize (bisection): " + string.Join(", ", s.StepsizeFractions.Select(F))),
            new("batch sizes, figure 4", string.Join(", ", s.BatchSizes) + " at γ/γ_max = " + string.Join(", ", s.BatchSizeFractions.Select(F))),
            new("figure 8", $"the batch sizes of figure 4 at the one stepsize γ = {F(s.GainShapeStepsize)}, and figure 4's runs at γ/γ_max = {F(s.BatchSizeFractions.Max())}"),
            new("runs", $"{runs.Count} stored, {runs.Count(RunGroups.Converged)} converged, {runs.Count(RunGroups.Usable)} used in the curves"),
            new("curves", $"medians and bands over the runs that converged or ran out of budget within {F(RunGroups.NearlyConvergedFactor)} × the tolerance (slow small stepsizes); a point needs half of its datasets; diverged runs are never used"),
        ];
    }

    private static string Nonzeros(ReproductionSettings s)
    {
        string scale = s.NonzeroScale.ToString("G4", CultureInfo.InvariantCulture);
        return s.Nonzeros switch
        {
            Problems.NonzeroDistribution.Gaussian => $"nonzeros of β* ~ N(0, {scale}²)",
            Problems.NonzeroDistribution.Rademacher => $"nonzeros of β* = ±{scale} (Rademacher)",
            Problems.NonzeroDistribution.Uniform => $"nonzeros of β* ~ U[−{scale}, {scale}]",
            _ => $"nonzeros of β* = {scale}",
        };
    }

    private static string Inputs(ReproductionSettings s) => (s.Mean, s.Correlation) switch
    {
        (0, 0) => "x_i ~ N(0, I_d)",
        (var mu, 0) => $"x_i ~ N({mu.ToString("G4", CultureInfo.InvariantCulture)}·1, I_d)",
        var (mu, rho) => $"x_i ~ N({mu.ToString("G4", CultureInfo.InvariantCulture)}·1, Σ), Σ_ij = {rho.ToString("G4", CultureInfo.InvariantCulture)}^|i−j|",
    };

    private sealed class Progress(Action<SweepProgress> report) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => report(value);
    }
}
