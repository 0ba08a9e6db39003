using System.CommandLine;
using DlnLab.Cli.Options;
using DlnLab.Cli.Output;
using DlnLab.Experiments.Configuration;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Commands;

/// <summary>
/// `dln sweep`: runs every run of a grid (from a TOML spec or from flags) that the store does not hold yet, storing
/// each as it ends, so an interrupted sweep resumes where it stopped when the same command is run again.
/// </summary>
internal sealed class SweepCommand
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it; 143 after SIGTERM); the runs finished so far are stored.</summary>
    public const int Interrupted = Interruption.AfterSigint;

    private readonly CancellationToken? externalCancellation;
    private readonly SweepFlagOptions flags = new();
    private readonly Argument<string[]> specFile = new("SPEC.toml KEY=VALUE")
    {
        Description = "Sweep spec in TOML (see examples/sweep.toml), then overrides of its keys, e.g. training.alpha=0.05 " +
            "seeds.datasets=3 (typed as in the file; lists as [0.1, 0.2] or 0.1,0.2). Without a file the spec comes from the " +
            "flags below and the overrides; flags given with a file win over it.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string> store = CliOption.Text("--store", "dln-sweep.db",
        "SQLite file the runs are stored in (created if missing; runs already there are not recomputed).", "FILE.db");
    private readonly Option<int> threads = CliOption.Int("--threads", Environment.ProcessorCount,
        "Runs trained at once; the default is the number of cores. Results are bit-identical for every value.");
    private readonly Option<string?> shard = CliOption.OptionalText("--shard",
        "Compute only shard I of N (from 0) of the plan, into this store, for `dln merge` to combine; auto takes I (and N) " +
        "from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, auto/N the index from SLURM_ARRAY_TASK_ID or Kubernetes' " +
        "JOB_COMPLETION_INDEX. [default: the whole sweep]", "I/N|auto|auto/N");
    private readonly Option<bool> quiet = CliOption.Flag("--quiet",
        "No progress display (it goes to standard error: the phases, rates, estimates and runs by status); only the summary at the end. [default: off]");
    private readonly Option<bool> dryRun = CliOption.Flag("--dry-run",
        "Print the resolved spec as TOML and how many runs and threshold bisections it means; run nothing, create nothing. [default: off]");

    private SweepCommand(CancellationToken? cancellation) => externalCancellation = cancellation;

    /// <summary>The command; tests pass a token to interrupt it, otherwise Ctrl-C does.</summary>
    public static Command Create(CancellationToken? cancellation = null) => new SweepCommand(cancellation).Build();

    private Command Build()
    {
        var command = new Command("sweep",
            "Run a grid of (S)GD runs (n, d, s, noise, alpha, batch size, stepsize, datasets, repeats) in parallel and " +
            "store each in a SQLite file as it ends. Running the same command again computes only the missing runs. " +
            "Give a TOML spec, or the grid as flags; not both.");
        command.Arguments.Add(specFile);
        command.Options.Add(store);
        flags.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(shard);
        command.Options.Add(quiet);
        command.Options.Add(dryRun);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var output = parsed.InvocationConfiguration.Output;

        // Everything is checked before the store is created: the spec, every dataset of the grid, the memory, the path.
        var spec = ReadSpec(parsed);
        int threadCount = Check.Positive("threads", parsed.GetValue(threads));
        spec.ValidateResources(threadCount);
        var runs = spec.Expand();
        Shard? part = parsed.GetValue(shard) is string text ? Shard.Parse("shard", text, Environment.GetEnvironmentVariable) : null;
        if (part is { } s) runs = [.. SweepShards.RunsOf(runs, s).Select(i => runs[i])];
        if (parsed.GetValue(dryRun))
        {
            DryRun.Write(output, spec, runs, part is { } p ? $"shard {p}" : null);
            return Cli.Success;
        }
        string storePath = parsed.GetValue(store)!;
        OutputPath.CheckFile("store", storePath, folderMayBeCreated: true);

        var options = TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = threadCount, Shard = part });
        return RunOn(parsed, spec, runs, storePath, options);
    }

    private int RunOn(ParseResult parsed, SweepSpec spec, IReadOnlyList<RunSpec> runs, string storePath, SweepRunnerOptions options)
    {
        var output = parsed.InvocationConfiguration.Output;
        using var interruption = Interruption.Cooperative(parsed.InvocationConfiguration.Error,
            $"the runs finished so far are stored in {storePath}; run the same command again to resume", externalCancellation);
        using var results = ResultStore.Open(storePath);
        try
        {
            var summary = SweepProgressDisplay.Run(parsed.InvocationConfiguration.Error, parsed.GetValue(quiet), TimeSpan.FromSeconds(2),
                progress => SweepRunner.Run(spec, results, options, progress, interruption.Token));
            SweepReport.Write(output, spec, runs, summary, results, options.Shard);
            return Cli.Success;
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            long stored = results.RunKeys(spec.Name).Count(runs.Select(r => r.Key).ToHashSet().Contains);
            string of = options.Shard is { } part ? $"shard {part} of sweep" : "sweep";
            output.WriteLine($"interrupted by {interruption.SignalName}: {stored} of {runs.Count} runs of {of} '{spec.Name}' are stored in {results.Path}; runs in flight were dropped.");
            output.WriteLine("To resume, run the same command again (stored runs are not recomputed):");
            output.WriteLine("  dln " + string.Join(' ', parsed.Tokens.Select(t => Quote(t.Value))));
            return interruption.ExitCode;
        }
    }

    private SweepSpec ReadSpec(ParseResult parsed)
    {
        var (files, overrides) = Overrides.Split(parsed.GetValue(specFile) ?? []);
        if (files.Count > 1) throw new InvalidInputException(files[1], "is a second spec file; give one spec file, then KEY=VALUE overrides");
        var document = files.Count == 0 ? ConfigDocument.Empty(SweepSpecToml.Schema) : ConfigDocument.Load(files[0], SweepSpecToml.Schema, "spec");
        // Flags given beside a file win over it, and overrides over both.
        return SweepSpecToml.Build(SweepSpecFlags.Apply(document, flags.Given(parsed)), overrides, files.Count == 0 ? null : files[0]).Validated();
    }

    internal static string Quote(string token) =>
        token.Length > 0 && token.All(c => char.IsLetterOrDigit(c) || "-_.,:/=+@%".Contains(c)) ? token : "'" + token.Replace("'", "'\\''") + "'";
}
