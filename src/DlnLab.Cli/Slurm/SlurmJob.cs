using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DlnLab.Cli.Slurm;

/// <summary>
/// The two batch scripts of a sweep on a SLURM cluster, in one folder: sweep.sbatch, an array job of one task per
/// shard (task I runs `dln sweep spec.toml --shard auto/N` into shards/shard-I.db, its log in logs/), and merge.sbatch,
/// which merges the shard stores into merged.db once the whole array has succeeded (submitted with
/// --dependency=afterok, and removed by SLURM if a task failed: --kill-on-invalid-dep). The spec is copied into the
/// folder, so every task, a resubmission and the merge read the same spec; a resubmitted task resumes its store and
/// computes only what it lacks.
/// </summary>
internal sealed partial record SlurmJob(string Folder, string SweepName, int Shards, string Dln, string? Partition, string? Time, int CpusPerTask, string? Memory)
{
    public string SpecPath => Path.Combine(Folder, "spec.toml");
    public string SweepScript => Path.Combine(Folder, "sweep.sbatch");
    public string MergeScript => Path.Combine(Folder, "merge.sbatch");
    public string MergedStore => Path.Combine(Folder, "merged.db");
    public string ShardFolder => Path.Combine(Folder, "shards");
    public string LogFolder => Path.Combine(Folder, "logs");

    /// <summary>The store of shard <paramref name="index"/>.</summary>
    public string ShardStore(int index) => Path.Combine(ShardFolder, $"shard-{index.ToString(CultureInfo.InvariantCulture)}.db");

    // SLURM reads #SBATCH lines itself (no shell quoting) and expands %-patterns in file names: paths are kept plain.
    [GeneratedRegex(@"^[A-Za-z0-9_./+,=@~:-]+$")] private static partial Regex PlainPath();
    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")] private static partial Regex PartitionName();
    [GeneratedRegex(@"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED|INFINITE)$", RegexOptions.IgnoreCase)] private static partial Regex TimeLimit();
    [GeneratedRegex(@"^\d+[KMGT]?$", RegexOptions.IgnoreCase)] private static partial Regex MemorySize();
    [GeneratedRegex(@"[^A-Za-z0-9_.-]")] private static partial Regex NotInJobName();

    /// <summary>Checks every setting (<see cref="InvalidInputException"/> naming the option) before anything is written.</summary>
    public SlurmJob Validated()
    {
        if (!PlainPath().IsMatch(Folder))
            throw new InvalidInputException("out", Folder, "must be a path of letters, digits and _ . / + , = @ ~ : - only (SLURM reads the #SBATCH lines without shell quoting and expands % in file names)");
        if (Partition is not null && !PartitionName().IsMatch(Partition)) throw new InvalidInputException("partition", Partition, "must be a partition name (letters, digits, _ . -)");
        if (Time is not null && !TimeLimit().IsMatch(Time))
            throw new InvalidInputException("time", Time, "must be a SLURM time limit: MINUTES, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED");
        Check.InRange("cpus-per-task", CpusPerTask, 1, 100_000);
        if (Memory is not null && !MemorySize().IsMatch(Memory)) throw new InvalidInputException("mem", Memory, "must be a size such as 4000 (megabytes), 500M or 8G");
        if (string.IsNullOrWhiteSpace(Dln) || Dln.Any(char.IsControl)) throw new InvalidInputException("dln", Dln, "must be the command that runs dln on the nodes, on one line");
        return this;
    }

    /// <summary>The array job.</summary>
    public string SweepText() => Script(
        $"The sweep '{Comment(SweepName)}' as an array of {Shards} tasks, task I computing shard I of the plan into shards/shard-I.db.",
        [$"--job-name={JobName}", $"--array=0-{Shards - 1}", $"--output={LogFolder}/sweep-%A_%a.out"],
        // auto/N, not auto: a resubmission of some tasks (--array=3) is an array of fewer tasks, but shard 3 is still of N.
        $"exec {Dln} sweep {SpecPath} --shard auto/{Shards} --store \"{ShardFolder}/shard-$SLURM_ARRAY_TASK_ID.db\" --threads {CpusPerTask} --quiet");

    /// <summary>The merge job, to be submitted with --dependency=afterok on the array.</summary>
    public string MergeText() => Script(
        $"Merges the {Shards} shard stores of the sweep '{Comment(SweepName)}' into merged.db (submit with --dependency=afterok:ARRAY_JOB_ID).",
        [$"--job-name={JobName}-merge", $"--output={LogFolder}/merge-%j.out", "--kill-on-invalid-dep=yes"],
        $"exec {Dln} merge {string.Join(' ', Enumerable.Range(0, Shards).Select(ShardStore))} --into {MergedStore}");

    private string JobName => "dln-" + NotInJobName().Replace(SweepName, "_")[..Math.Min(SweepName.Length, 40)];

    private string Script(string what, string[] directives, string command)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"# {what}\n# Written by 'dln slurm'; submit it with sbatch (the commands 'dln slurm' printed).\n");
        foreach (string d in directives.Concat(Resources())) text.Append($"#SBATCH {d}\n");
        text.Append("set -euo pipefail\n");
        text.Append(command).Append('\n');
        return text.ToString();
    }

    private IEnumerable<string> Resources()
    {
        yield return $"--cpus-per-task={CpusPerTask.ToString(CultureInfo.InvariantCulture)}";
        if (Partition is not null) yield return $"--partition={Partition}";
        if (Time is not null) yield return $"--time={Time}";
        if (Memory is not null) yield return $"--mem={Memory}";
    }

    private static string Comment(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
}
