using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DlnLab.Cli.Options;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Commands;

/// <summary>`dln reproduce [fig1|...|fig8|all]`: the report's figures (and the new ones) from scratch, with a report.</summary>
internal sealed class ReproduceCommand
{
    private static readonly ReproductionSettings Defaults = new();

    private readonly Argument<string[]> figures = new("figures")
    {
        Description = "Which figures: fig1 (test loss vs stepsize), fig2 (shape and scale of the gain), fig3 (recovery of beta*), " +
            "fig4 (batch sizes), fig5 (the edge of stability: loss, coordinates and sharpness over steps), " +
            "fig6 (centered against uncentered inputs), fig7 (beta0~ dropped), fig8 (predicted vs measured gain shape and scale), or all. [default: all]",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string> output = CliOption.Text("--out", "results",
        "Output folder: figures (PNG, SVG, CSV), report.md, report.html and the run store runs.db (re-running resumes from it).", "DIR");
    private readonly Option<int> datasets = CliOption.Int("--datasets", Defaults.Datasets, "Datasets per configuration; medians and bands are over them.");
    private readonly Option<ulong> seed = CliOption.Seed("--seed", Defaults.Seed, "Seed from which every data and batch seed is derived.");
    private readonly Option<double> alpha = CliOption.Double("--alpha", Defaults.Alpha, "Initialisation scale alpha > 0.");
    private readonly Option<double> mean = CliOption.Double("--mean", Defaults.Mean, "Mean mu of every input coordinate in every sweep: x ~ N(mu 1, Sigma).");
    private readonly Option<double> correlation = CliOption.Double("--correlation", Defaults.Correlation,
        "Correlation rho in (-1, 1) of neighbouring input coordinates in every sweep: Sigma_ij = rho^|i-j|.");
    private readonly Option<long> maxSteps = CliOption.Long("--max-steps", Defaults.MaxSteps, "Step budget per run.");
    private readonly Option<double> tolerance = CliOption.Double("--tolerance", Defaults.Tolerance, "A run has converged once its training loss is at or below this.");
    private readonly Option<int> threads = CliOption.Int("--threads", Defaults.Threads, "Runs trained at once (default: all cores); results do not depend on it.");
    private readonly Option<bool> dryRun = CliOption.Flag("--dry-run",
        "Print the resolved configuration and each sweep's spec, with how many runs and threshold bisections they mean; run nothing, create nothing. [default: off]");
    private CommandConfig config = null!;

    /// <summary>The resolved configuration, written into the output folder with the results.</summary>
    public const string ConfigFile = "config.toml";

    public static Command Create() => new ReproduceCommand().Build();

    private Command Build()
    {
        var command = new Command("reproduce",
            "Reproduce the report's figures: test loss against stepsize for GD and SGD (fig1), shape and scale of the gain " +
            "(fig2), recovery of beta* (fig3), the new batch-size figure (fig4), the edge of stability over steps (fig5), " +
            "centered against uncentered inputs (fig6) and the theory's predictions tested (fig7, fig8), with report.md and report.html. " +
            $"Defaults follow the report: (n, d, s, alpha) = ({Defaults.N}, {Defaults.D}, {Defaults.S}, {Defaults.Alpha.ToString(CultureInfo.InvariantCulture)}).");
        command.Arguments.Add(figures);
        foreach (var option in new Option[] { output, datasets, seed, alpha, mean, correlation, maxSteps, tolerance, threads, dryRun }) command.Options.Add(option);
        config = CommandConfig.AddTo(command, o => o == output || o == threads || o == dryRun ? null : "problem", figures);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var writer = parsed.InvocationConfiguration.Output;
        var chosen = ChosenFigures(Overrides.Split(parsed.GetValue(figures) ?? []).Others);
        var settings = new ReproductionSettings
        {
            Datasets = parsed.GetValue(datasets),
            Seed = parsed.GetValue(seed),
            Alpha = parsed.GetValue(alpha),
            Mean = parsed.GetValue(mean),
            Correlation = parsed.GetValue(correlation),
            MaxSteps = parsed.GetValue(maxSteps),
            Tolerance = parsed.GetValue(tolerance),
            Threads = parsed.GetValue(threads),
        }.Validated();
        string directory = parsed.GetValue(output)!;
        string resolved = config.Resolved(parsed);
        if (parsed.GetValue(dryRun))
        {
            writer.Write(resolved);
            foreach (var sweep in Reproducer.Sweeps(settings, chosen))
            {
                writer.WriteLine();
                writer.WriteLine($"# sweep {sweep.Name}");
                DryRun.Write(writer, sweep, sweep.Expand());
            }
            return Cli.Success;
        }
        OutputPath.CheckFile("out", Path.Combine(directory, ConfigFile), folderMayBeCreated: true);

        var lastLine = Stopwatch.StartNew();
        var gate = new object();
        void Report(string sweep, SweepProgress p)
        {
            lock (gate)
            {
                if (p.Completed != p.Total && lastLine.Elapsed.TotalSeconds < 2) return;
                lastLine.Restart();
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{sweep}: {p.Completed}/{p.Total} runs ({p.AlreadyStored} stored before), {p.Elapsed.TotalSeconds:F1} s elapsed"));
            }
        }

        using var interruption = Interruption.Cooperative(parsed.InvocationConfiguration.Error,
            $"the runs finished so far are stored in {Path.Combine(directory, Reproducer.StoreFile)}; run the same command again to resume");
        ReproductionResult result;
        try
        {
            result = Reproducer.Run(settings, directory, chosen, Report, interruption.Token);
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            writer.WriteLine($"interrupted by {interruption.SignalName}: the runs finished so far are stored in {Path.Combine(directory, Reproducer.StoreFile)}; no figure or report was written now.");
            writer.WriteLine("To resume, run the same command again (stored runs are not recomputed).");
            return interruption.ExitCode;
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.RunsComputed} runs computed, {result.RunsAlreadyStored} already stored, in {result.WallTime.TotalSeconds:F1} s"));
        foreach (var f in result.Figures)
        {
            writer.WriteLine($"wrote {f.PngPath}, {Path.GetFileName(f.SvgPath)}, {Path.GetFileName(f.CsvPath)}");
            foreach (var warning in f.Warnings) writer.WriteLine($"  note: {warning}");
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), resolved);
        writer.WriteLine($"wrote {result.Report.MarkdownPath}, {Path.GetFileName(result.Report.HtmlPath)} and {ConfigFile}");
        foreach (var sentence in result.Summary) writer.WriteLine(sentence);
        return Cli.Success;
    }

    private static string[] ChosenFigures(IReadOnlyList<string> given)
    {
        if (given.Count == 0 || given.Contains("all")) return [.. Reproducer.AllFigures];
        foreach (var f in given)
            if (!Reproducer.AllFigures.Contains(f)) throw new InvalidInputException("figures", f, $"must be {string.Join(", ", Reproducer.AllFigures)} or all");
        return given.Distinct().ToArray();
    }
}
