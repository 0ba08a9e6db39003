using System.CommandLine;
using System.Reflection;
using DlnLab.Cli.Options;
using DlnLab.Cli.Slurm;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Commands;

/// <summary>
/// `dln slurm`: writes the batch scripts that run a sweep on a SLURM cluster as an array job of shards plus a merge
/// job (<see cref="SlurmJob"/>), prints the two sbatch commands, and with --submit submits both.
/// </summary>
internal sealed class SlurmCommand
{
    private readonly Argument<string> specFile = new("SPEC.toml") { Description = "Sweep spec in TOML (see examples/sweep.toml); copied into DIR." };
    private readonly Argument<string[]> overrides = new("KEY=VALUE")
    {
        Description = "Overrides of the spec's keys, e.g. training.alpha=0.05 (as for dln sweep); DIR/spec.toml is then the resolved spec.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<int> shards = Required(CliOption.Int("--shards", 0,
        "Array tasks, one shard of the plan each: from 1 to the sweep's number of work items."));
    private readonly Option<string?> outDir = CliOption.OptionalText("--out",
        "Folder for spec.toml, sweep.sbatch, merge.sbatch, shards/ (one store per task), logs/ and merged.db; on the " +
        "cluster's shared file system. It may hold only the same sweep's files. [required]", "DIR");
    private readonly Option<string?> partition = CliOption.OptionalText("--partition", "SLURM partition of both jobs. [default: the cluster's]", "P");
    private readonly Option<string?> time = CliOption.OptionalText("--time", "Time limit of each task and of the merge, e.g. 2:00:00. [default: the partition's]", "T");
    private readonly Option<int> cpus = CliOption.Int("--cpus-per-task", 1, "Cores of each task (its --threads).");
    private readonly Option<string?> memory = CliOption.OptionalText("--mem", "Memory of each task, e.g. 4G. [default: the partition's]", "M");
    private readonly Option<string?> dln = CliOption.OptionalText("--dln",
        "The command that runs dln on the nodes, e.g. 'dotnet /opt/dln/dln.dll'. [default: this dln, by its full path]", "CMD");
    private readonly Option<bool> submit = CliOption.Flag("--submit", "Also submit both jobs with sbatch (the merge after the array succeeds). [default: off]");

    public static Command Create() => new SlurmCommand().Build();

    // Required, so no default to show: left out, the parser names it.
    private static Option<int> Required(Option<int> option)
    {
        option.DefaultValueFactory = null;
        option.Required = true;
        return option;
    }

    private Command Build()
    {
        var command = new Command("slurm",
            "Write DIR/sweep.sbatch (an array job, one shard of the sweep per task, each into its own store under DIR/shards/) " +
            "and DIR/merge.sbatch (merges them into DIR/merged.db once every task has succeeded), and print the two sbatch " +
            "commands; --submit submits them. Submitted again, each task computes only the runs its store lacks.");
        command.Arguments.Add(specFile);
        command.Arguments.Add(overrides);
        foreach (var o in new Option[] { shards, outDir, partition, time, cpus, memory, dln, submit }) command.Options.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var output = parsed.InvocationConfiguration.Output;
        string specPath = parsed.GetValue(specFile)!;
        var (others, assignments) = Overrides.Split(parsed.GetValue(overrides) ?? []);
        if (others.Count > 0) throw new InvalidInputException(others[0], "is not an override KEY=VALUE (e.g. training.alpha=0.05); give one spec file");
        var spec = SweepSpecToml.Load(specPath, assignments).Validated();
        int count = parsed.GetValue(shards);
        if (count < 1) throw new InvalidInputException("shards", count, "needs the number of array tasks, an integer >= 1");
        SweepShards.Partition(spec.Expand(), count, "shards");
        string folder = OutputPath.CheckFolder("out", parsed.GetValue(outDir) ?? throw new InvalidInputException("out", null, "needs the folder the scripts are written to (--out DIR)"));
        var job = new SlurmJob(folder, spec.Name, count, parsed.GetValue(dln) ?? ThisDln(), parsed.GetValue(partition), parsed.GetValue(time),
            parsed.GetValue(cpus), parsed.GetValue(memory)).Validated();
        // With overrides the tasks read the resolved spec, which builds the same spec (and so the same runs).
        byte[] specText = assignments.Count == 0 ? File.ReadAllBytes(specPath) : System.Text.Encoding.UTF8.GetBytes(SweepSpecTomlWriter.Write(spec));
        if (File.Exists(job.SpecPath) && !File.ReadAllBytes(job.SpecPath).AsSpan().SequenceEqual(specText))
            throw new InvalidInputException("out", folder, $"holds another sweep's spec.toml; give a new folder (or the same spec to resubmit)");

        Directory.CreateDirectory(job.ShardFolder);
        Directory.CreateDirectory(job.LogFolder);
        AtomicFile.WriteAllBytes(job.SpecPath, specText);
        AtomicFile.WriteAllText(job.SweepScript, job.SweepText());
        AtomicFile.WriteAllText(job.MergeScript, job.MergeText());
        output.WriteLine($"wrote {job.SweepScript}: an array of {count} tasks, one shard of sweep '{spec.Name}' each, stores in {job.ShardFolder}, logs in {job.LogFolder}");
        output.WriteLine($"wrote {job.MergeScript}: merges the shards into {job.MergedStore} once every task has succeeded");
        if (!parsed.GetValue(submit))
        {
            output.WriteLine("submit with:");
            output.WriteLine($"  jobid=$(sbatch --parsable {job.SweepScript})");
            output.WriteLine($"  sbatch --dependency=afterok:${{jobid%%;*}} {job.MergeScript}");
            return Cli.Success;
        }
        string array = Sbatch.Submit(job.SweepScript);
        string merge = Sbatch.Submit(job.MergeScript, $"--dependency=afterok:{array}");
        output.WriteLine($"submitted array job {array} ({count} tasks) and merge job {merge} (runs once every task has succeeded)");
        return Cli.Success;
    }

    /// <summary>This dln, as a command line: the apphost, or `dotnet dln.dll` when run through the dotnet host.</summary>
    private static string ThisDln()
    {
        string process = Environment.ProcessPath ?? "dln";
        string? assembly = Assembly.GetEntryAssembly()?.Location;
        bool host = Path.GetFileNameWithoutExtension(process) == "dotnet";
        return host && !string.IsNullOrEmpty(assembly) ? SweepCommand.Quote(process) + " " + SweepCommand.Quote(assembly) : SweepCommand.Quote(process);
    }

}
