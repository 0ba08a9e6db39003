using System.CommandLine;
using System.Globalization;
using DlnLab.Cli.Options;
using DlnLab.Cli.Output;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Presets;
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
            "fig6 (centered against uncentered inputs), fig7 (beta0~ dropped), fig8 (predicted vs measured gain shape and scale), or all [default: all]; " +
            "or the name of a preset that reruns a related paper's setting (" + PresetList + "), with KEY=VALUE overrides of its spec's keys.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string> output = CliOption.Text("--out", "results",
        "Output folder: figures (PNG, SVG, CSV), report.md, report.html and the run store runs.db (re-running resumes from it).", "DIR");
    private readonly Option<int> datasets = CliOption.Int("--datasets", Defaults.Datasets, "Datasets per configuration; medians and bands are over them.");
    private readonly Option<ulong> seed = CliOption.Seed("--seed", Defaults.Seed, "Seed from which every data and batch seed is derived.");
    private readonly Option<double> alpha = CliOption.Double("--alpha", Defaults.Alpha, "Initialisation scale alpha > 0.");
    // The problem's settings, the same in every sweep (figure 6 then sets its own mean).
    private readonly Option<int> n = CliOption.Int("--n", Defaults.N, "Number of training samples n (> 0); figure 4's batch sizes are 1, 2, 5, 10 below n, and n.");
    private readonly Option<int> d = CliOption.Int("--d", Defaults.D, "Dimension d (> 0).");
    private readonly Option<int> s = CliOption.Int("--s", Defaults.S, "Number of nonzeros s of beta*, in [0, d].");
    private readonly Option<int> nTest = CliOption.Int("--n-test", Defaults.NTest, "Size of each held-out test set (> 0).");
    private readonly Option<double> noise = CliOption.Double("--noise", Defaults.Noise, "Label noise standard deviation sigma (>= 0).");
    private readonly Option<string> nonzeros = CliOption.Choice("--nonzeros", CliOption.Word(Defaults.Nonzeros),
        "Distribution of the nonzeros of beta*: gaussian N(0, scale^2), rademacher +-scale, uniform on [-scale, scale], constant +scale.",
        Enum.GetValues<Problems.NonzeroDistribution>().Select(CliOption.Word).ToArray());
    private readonly Option<double> scale = CliOption.Double("--scale", Defaults.NonzeroScale, "Scale of the nonzeros of beta* (> 0).");
    private readonly Option<string> support = CliOption.Choice("--support", CliOption.Word(Defaults.Support),
        "Where the s nonzeros sit: leading (the first s coordinates, as figures 2 and 8 shade them) or random.",
        Enum.GetValues<Problems.SupportPlacement>().Select(CliOption.Word).ToArray());
    private readonly Option<string> model = CliOption.Text("--model", Defaults.Model.ToString(),
        "The parametrisation: uv (beta = u * v) or power:D (beta = w+^D - w-^D from w+ = w- = alpha, D in [2, 64]; no uv gain, " +
        "alpha_inf or Theorem 2.2 for it, so figures 2, 7 and 8 have nothing to draw).", "MODEL");
    private readonly Option<double> mean = CliOption.Double("--mean", Defaults.Mean, "Mean mu of every input coordinate in every sweep: x ~ N(mu 1, Sigma).");
    private readonly Option<double> correlation = CliOption.Double("--correlation", Defaults.Correlation,
        "Correlation rho in (-1, 1) of neighbouring input coordinates in every sweep: Sigma_ij = rho^|i-j|.");
    private readonly Option<long> maxSteps = CliOption.Long("--max-steps", Defaults.MaxSteps, "Step budget per run.");
    private readonly Option<double> tolerance = CliOption.Double("--tolerance", Defaults.Tolerance, "A run has converged once its training loss is at or below this.");
    private readonly Option<int> threads = CliOption.Int("--threads", Defaults.Threads, "Runs trained at once (default: all cores); results do not depend on it.");
    private readonly Option<bool> dryRun = CliOption.Flag("--dry-run",
        "Print the resolved configuration and each sweep's spec, with how many runs and threshold bisections they mean; run nothing, create nothing. [default: off]");
    private readonly Option<bool> full = CliOption.Flag("--full",
        "With a preset: run the paper's size rather than the quick default (which takes seconds: docs/PERFORMANCE.md). [default: off]");
    private CommandConfig config = null!;

    private static string PresetList => Presets.All.Count == 0 ? "none yet" : string.Join(", ", Presets.Names);

    /// <summary>The resolved configuration, written into the output folder with the results.</summary>
    public const string ConfigFile = "config.toml";

    public static Command Create() => new ReproduceCommand().Build();

    private Command Build()
    {
        var command = new Command("reproduce",
            "Reproduce the report's figures: test loss against stepsize for GD and SGD (fig1), shape and scale of the gain " +
            "(fig2), recovery of beta* (fig3), the new batch-size figure (fig4), the edge of stability over steps (fig5), " +
            "centered against uncentered inputs (fig6) and the theory's predictions tested (fig7, fig8), with report.md and report.html. " +
            $"Defaults follow the report: (n, d, s, alpha) = ({Defaults.N}, {Defaults.D}, {Defaults.S}, {Defaults.Alpha.ToString(CultureInfo.InvariantCulture)}), " +
            "Gaussian inputs, noiseless labels, nonzeros of beta* from N(0, 10^2) on the leading s coordinates, the uv model; each can be set.");
        command.Arguments.Add(figures);
        scale.Aliases.Add("--nonzero-scale");
        foreach (var option in new Option[] { output, datasets, seed, alpha, n, d, s, nTest, noise, nonzeros, scale, support, model, mean, correlation, maxSteps, tolerance, threads, dryRun, full })
            command.Options.Add(option);
        config = CommandConfig.AddTo(command, o => o == output || o == threads || o == dryRun || o == full ? null : "problem", figures,
            appliesTo: parsed => PresetOf(parsed) is null);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var writer = parsed.InvocationConfiguration.Output;
        if (PresetOf(parsed) is { } preset) return RunPreset(parsed, preset);
        if (parsed.GetValue(full))
            throw new InvalidInputException("--full", "on", $"applies to a preset only (dln reproduce NAME --full; presets: {PresetList})");
        var chosen = ChosenFigures(Overrides.Split(parsed.GetValue(figures) ?? []).Others);
        var settings = new ReproductionSettings
        {
            Datasets = parsed.GetValue(datasets),
            Seed = parsed.GetValue(seed),
            Alpha = parsed.GetValue(alpha),
            N = parsed.GetValue(n),
            D = parsed.GetValue(d),
            S = parsed.GetValue(s),
            NTest = parsed.GetValue(nTest),
            Noise = parsed.GetValue(noise),
            Nonzeros = CliOption.ParseWord<Problems.NonzeroDistribution>(parsed.GetValue(nonzeros)!),
            NonzeroScale = parsed.GetValue(scale),
            Support = CliOption.ParseWord<Problems.SupportPlacement>(parsed.GetValue(support)!),
            Model = Models.ModelSpec.Parse("model", parsed.GetValue(model)!),
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

        return Interruptible(parsed, Path.Combine(directory, Reproducer.StoreFile),
            token => WithProgress(parsed, progress => Reproducer.Run(settings, directory, chosen, progress, token, CommandLineOf(parsed))),
            result =>
            {
                WriteOutcome(writer, result.RunsComputed, result.RunsAlreadyStored, result.WallTime, result.Figures);
                AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), resolved);
                writer.WriteLine($"wrote {result.Report.MarkdownPath}, {Path.GetFileName(result.Report.HtmlPath)} and {ConfigFile}");
                foreach (var sentence in result.Summary) writer.WriteLine(sentence);
            });
    }

    private static string[] ChosenFigures(IReadOnlyList<string> given)
    {
        if (given.Count == 0 || given.Contains("all")) return [.. Reproducer.AllFigures];
        foreach (var f in given)
            if (!Reproducer.AllFigures.Contains(f))
                throw new InvalidInputException("figures", f, $"must be {string.Join(", ", Reproducer.AllFigures)} or all, or one preset: {PresetList}");
        return given.Distinct().ToArray();
    }

    /// <summary>The preset named by the first argument, or null when the line asks for the report's figures.</summary>
    private IPreset? PresetOf(ParseResult parsed) =>
        Overrides.Split(parsed.GetValue(figures) ?? []).Others is [var first, ..] ? Presets.Find(first) : null;

    /// <summary>`dln reproduce NAME`: the preset's sweeps at the quick or the paper's size, its figures and its report page.</summary>
    private int RunPreset(ParseResult parsed, IPreset preset)
    {
        var writer = parsed.InvocationConfiguration.Output;
        var (others, overrides) = Overrides.Split(parsed.GetValue(figures) ?? []);
        if (others.Count > 1) throw new InvalidInputException("figures", others[1], $"a preset ({preset.Name}) takes no figure names; run it alone");
        foreach (var option in new Option[] { datasets, seed, alpha, n, d, s, nTest, noise, nonzeros, scale, support, model, mean, correlation, maxSteps, tolerance, config.File })
            if (parsed.GetResult(option) is { Implicit: false })
                throw new InvalidInputException(option.Name, string.Join(" ", parsed.GetResult(option)!.Tokens.Select(t => t.Value)),
                    $"applies to the report's figures, not to a preset; set the preset's spec keys as KEY=VALUE overrides (e.g. seeds.datasets=3; see presets/{preset.Sweeps.FirstOrDefault()?.SpecFile ?? preset.Name + ".toml"})");
        var size = parsed.GetValue(full) ? PresetSize.Full : PresetSize.Quick;
        string directory = parsed.GetResult(output) is { Implicit: false } ? parsed.GetValue(output)! : Path.Combine(parsed.GetValue(output)!, preset.Name);
        if (parsed.GetValue(dryRun))
        {
            writer.WriteLine($"# preset {preset.Name} ({(size == PresetSize.Quick ? "quick default" : "the paper's size")}): {preset.Paper}");
            foreach (var (sweep, spec) in preset.Sweeps.Zip(PresetRunner.Plan(preset, size, overrides)))
            {
                writer.WriteLine();
                writer.WriteLine($"# sweep {spec.Name} ({PresetSpecs.Folder}/{sweep.SpecFile})");
                DryRun.Write(writer, spec, spec.Expand());
            }
            return Cli.Success;
        }
        return Interruptible(parsed, Path.Combine(directory, PresetRunner.StoreFile),
            token => WithProgress(parsed, progress => PresetRunner.Run(preset, size, directory, parsed.GetValue(threads), overrides, progress, token, CommandLineOf(parsed))),
            result =>
            {
                WriteOutcome(writer, result.RunsComputed, result.RunsAlreadyStored, result.WallTime, result.Figures);
                writer.WriteLine($"wrote {result.Report.MarkdownPath}, {Path.GetFileName(result.Report.HtmlPath)} and {string.Join(", ", result.SpecFiles.Select(Path.GetFileName))}");
                foreach (var sentence in result.Findings) writer.WriteLine(sentence);
            });
    }

    /// <summary>The command line as given, for the report's provenance: the words after `dln`, each quoted for a
    /// POSIX shell where it needs it.</summary>
    private static string CommandLineOf(ParseResult parsed) =>
        string.Join(" ", ["dln", .. parsed.Tokens.Select(t => ShellWord(t.Value))]);

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>Runs <paramref name="run"/> with Ctrl-C stopping it between runs (the store keeps what finished), then <paramref name="print"/>s its result.</summary>
    private static int Interruptible<T>(ParseResult parsed, string storePath, Func<CancellationToken, T> run, Action<T> print)
    {
        var writer = parsed.InvocationConfiguration.Output;
        using var interruption = Interruption.Cooperative(parsed.InvocationConfiguration.Error,
            $"the runs finished so far are stored in {storePath}; run the same command again to resume");
        T result;
        try
        {
            result = run(interruption.Token);
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            writer.WriteLine($"interrupted by {interruption.SignalName}: the runs finished so far are stored in {storePath}; no figure or report was written now.");
            writer.WriteLine("To resume, run the same command again (stored runs are not recomputed).");
            return interruption.ExitCode;
        }
        print(result);
        return Cli.Success;
    }

    private static void WriteOutcome(TextWriter writer, int computed, int stored, TimeSpan wallTime, IEnumerable<FigureOutput> figures)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{computed} runs computed, {stored} already stored, in {wallTime.TotalSeconds:F1} s"));
        foreach (var f in figures)
        {
            writer.WriteLine($"wrote {f.PngPath}, {Path.GetFileName(f.SvgPath)}, {Path.GetFileName(f.CsvPath)}");
            foreach (var warning in f.Warnings) writer.WriteLine($"  note: {warning}");
        }
    }

    /// <summary>Runs <paramref name="run"/> with the sweeps' progress shown on standard error (<see cref="SweepProgressDisplay"/>).</summary>
    private static T WithProgress<T>(ParseResult parsed, Func<Action<string, SweepProgress>, T> run) =>
        SweepProgressDisplay.Run(parsed.InvocationConfiguration.Error, quiet: false, TimeSpan.FromSeconds(2),
            progress => run((_, p) => progress!.Report(p)));
}
