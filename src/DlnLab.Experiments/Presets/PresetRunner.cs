using System.Diagnostics;
using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce NAME`: runs a preset's sweeps into a store inside the output folder (resumable: a second call
/// computes only what is missing), draws its figures and writes a report page naming the paper, its setting and
/// where the quick default differs from it.
/// </summary>
public static class PresetRunner
{
    /// <summary>File name of the store inside the output folder.</summary>
    public const string StoreFile = Reproducer.StoreFile;

    /// <summary>The resolved spec of each sweep of <paramref name="preset"/>, in run order.</summary>
    public static IReadOnlyList<SweepSpec> Plan(IPreset preset, PresetSize size, IReadOnlyList<string> overrides)
    {
        if (preset.Sweeps.Count == 0 && overrides.Count > 0)
            throw new InvalidInputException(overrides[0].Split('=')[0].Trim(), $"preset {preset.Name} has no sweep spec, so it takes no KEY=VALUE overrides");
        return preset.Sweeps.Select(s => PresetSpecs.Resolve(s, size, overrides)).ToList();
    }

    /// <summary>Runs and draws <paramref name="preset"/> into <paramref name="outputDirectory"/>.</summary>
    public static PresetResult Run(IPreset preset, PresetSize size, string outputDirectory, int threads, IReadOnlyList<string> overrides,
        Action<string, SweepProgress>? progress = null, CancellationToken cancellation = default, string commandLine = "")
    {
        if (threads < 1) throw new InvalidInputException("threads", threads.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        var specs = new Dictionary<string, SweepSpec>(StringComparer.Ordinal);
        foreach (var (sweep, spec) in preset.Sweeps.Zip(Plan(preset, size, overrides))) specs[sweep.SpecFile] = spec;
        OutputPath.CheckFolder("out", outputDirectory);
        foreach (string file in (string[])[StoreFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile, ReportWriter.SeedsFile, .. specs.Keys])
            OutputPath.CheckFile("out", Path.Combine(outputDirectory, file), folderMayBeCreated: true);
        foreach (var spec in specs.Values) spec.ValidateResources(threads);

        var clock = Stopwatch.StartNew();
        string storePath = Path.Combine(outputDirectory, StoreFile);
        using var store = ResultStore.Open(storePath);
        var options = TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = threads });
        int computed = 0, stored = 0;
        foreach (var spec in specs.Values)
        {
            var summary = SweepRunner.Run(spec, store, options,
                progress is null ? null : new SynchronousProgress<SweepProgress>(p => progress(spec.Name, p)), cancellation);
            computed += summary.Computed;
            stored += summary.AlreadyStored;
        }
        var training = clock.Elapsed;
        var page = preset.Draw(new PresetContext(size, threads, specs, store, cancellation));
        cancellation.ThrowIfCancellationRequested();

        foreach (var figure in page.Figures)
        {
            if (!figure.Figure.Name.StartsWith(preset.Name + "-", StringComparison.Ordinal))
                throw new InvalidOperationException($"figure {figure.Figure.Name} of preset {preset.Name} must be named {preset.Name}-...");
            foreach (string extension in (string[])[".png", ".svg", ".csv"])
                OutputPath.CheckFile("out", Path.Combine(outputDirectory, figure.Figure.Name + extension));
        }
        var outputs = new List<FigureOutput>();
        var reportFigures = new List<ReportFigure>();
        foreach (var figure in page.Figures)
        {
            var output = FigureRenderer.Render(figure.Figure, outputDirectory);
            outputs.Add(output);
            reportFigures.Add(ReportFigure.From(output, FigureCaption.Complete(figure.Caption, figure.Figure, figure.Runs), figure.WhatItShows,
                figure.Runs.Count, figure.Runs.Count(RunGroups.Converged)));
        }
        var runs = specs.Values.SelectMany(s => PresetContext.RunsOf(store, s)).ToList();
        var specFiles = new List<string>();
        foreach (var (file, spec) in specs)
        {
            string path = Path.Combine(outputDirectory, file);
            AtomicFile.WriteAllText(path, SweepSpecTomlWriter.Write(spec));
            specFiles.Add(path);
        }
        var model = new ReportModel
        {
            Title = $"DlnLab preset {preset.Name}: {preset.Paper}",
            Summary = string.Join(" ", page.Findings),
            Settings = Settings(preset, size, overrides, specs.Values, runs),
            Seeds = specs.Values.Select(s => s.Seed).Distinct().ToList(),
            SoftwareVersion = ResultStore.SoftwareVersion,
            CommandLine = commandLine,
            WallTime = clock.Elapsed,
            TrainingWallTime = training,
            RunsComputed = computed,
            LargestTheoremResidual = RunGroups.LargestTheorem22Residual(runs),
            ResidualRuns = runs.Count(RunGroups.Converged),
            DataSeeds = RunGroups.DatasetSeeds(runs),
            StoredRunSeconds = runs.Sum(r => r.WallSeconds),
            Figures = reportFigures,
            DistinctRuns = runs.Count,
        };
        var report = ReportWriter.Write(model, outputDirectory);
        return new PresetResult(outputs, report, page.Findings, computed, stored, clock.Elapsed, storePath, specFiles);
    }

    /// <summary>The report's settings table: the paper, its setting, the size run, and where it differs from the paper.</summary>
    private static KeyValuePair<string, string>[] Settings(IPreset preset, PresetSize size, IReadOnlyList<string> overrides,
        IEnumerable<SweepSpec> specs, IReadOnlyList<StoredRun> runs)
    {
        var differences = size == PresetSize.Quick ? preset.Sweeps.SelectMany(PresetSpecs.QuickDifferences).Concat(preset.QuickDifferences).Distinct().ToList() : [];
        return
        [
            new("paper", preset.Paper),
            new("paper's setting", preset.PaperSetting),
            new("size", size == PresetSize.Quick ? "quick default (run with --full for the paper's size)" : "the paper's (--full)"),
            new("where this run differs from --full (the paper's size)", differences.Count == 0 && overrides.Count == 0 ? "nowhere"
                : string.Join("; ", [.. differences, .. overrides.Select(o => $"{o} (given on the command line)")])),
            new("spec files", string.Join(", ", preset.Sweeps.Select(s => $"{PresetSpecs.Folder}/{s.SpecFile}"))),
            new("sweeps", string.Join("; ", specs.Select(s => $"{s.Name}: {s.Expand().Count} runs"))),
            new("runs", $"{runs.Count} stored, {runs.Count(RunGroups.Converged)} converged"),
        ];
    }
}
