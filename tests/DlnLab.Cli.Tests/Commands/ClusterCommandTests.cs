using System.Diagnostics;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln sweep --shard`, `dln merge` and `dln slurm` through the command line.</summary>
public class ClusterCommandTests
{
    private static string Spec(TempFolder temp)
    {
        string path = temp.File("tiny.toml");
        File.WriteAllText(path, SweepCommandTests.TinySpec);
        return path;
    }

    private static string Export(string store, string folder)
    {
        Assert.Equal(0, CliRunner.Run("export", "--store", store, "--out", folder).ExitCode);
        // Every file but the wall-time column (the last but the vectors) of runs.csv, and runs.npz (which holds it).
        var csv = File.ReadAllLines(Path.Combine(folder, "runs.csv"));
        int wall = Array.IndexOf(csv[0].Split(','), "wall_seconds");
        return string.Join("\n", csv.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != wall))))
            + Convert.ToBase64String(File.ReadAllBytes(Path.Combine(folder, "gain.npy")))
            + File.ReadAllText(Path.Combine(folder, "thresholds.csv"));
    }

    [Fact]
    public void ShardsMergedGiveTheExportOfOneSweep()
    {
        using var temp = new TempFolder();
        string spec = Spec(temp);
        Assert.Equal(0, CliRunner.Run("sweep", spec, "--store", temp.File("one.db"), "--quiet").ExitCode);
        var shards = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var run = CliRunner.Run("sweep", spec, "--shard", $"{i}/3", "--store", temp.File($"s{i}.db"), "--quiet", "--threads", "1");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"sweep 'tiny' shard {i}/3: ", run.Out);
            shards.Add(temp.File($"s{i}.db"));
        }
        var partial = CliRunner.Run(["merge", shards[0], shards[2], "--into", temp.File("all.db")]);
        Assert.Equal(0, partial.ExitCode);
        Assert.Matches(@"incomplete: \d+ of 8 runs", partial.Out);
        Assert.Contains("shard 1/3: ", partial.Out);
        Assert.Contains("(not among the inputs", partial.Out);
        var full = CliRunner.Run(["merge", .. shards, "--into", temp.File("all.db")]);
        Assert.Equal(0, full.ExitCode);
        Assert.Contains("complete: all 8 runs", full.Out);
        Assert.Equal(Export(temp.File("one.db"), temp.File("e1")), Export(temp.File("all.db"), temp.File("e2")));
    }

    [Fact]
    public void BadShardsAndMergesAreRefusedWithOneLineAndNothingWritten()
    {
        using var temp = new TempFolder();
        string spec = Spec(temp);
        foreach (var shard in new[] { "3/3", "1/9", "x", "auto" })
        {
            var run = CliRunner.Run("sweep", spec, "--shard", shard, "--store", temp.File("s.db"));
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("dln: error: --shard: ", run.Err);
            Assert.Single(run.Err.Trim().Split('\n'));
            Assert.False(File.Exists(temp.File("s.db")));
        }
        Assert.Equal(0, CliRunner.Run("sweep", spec, "--shard", "0/2", "--store", temp.File("a.db"), "--quiet").ExitCode);
        var other = temp.File("other.toml");
        File.WriteAllText(other, SweepCommandTests.TinySpec.Replace("datasets = 2", "datasets = 3"));
        Assert.Equal(0, CliRunner.Run("sweep", other, "--shard", "1/2", "--store", temp.File("c.db"), "--quiet").ExitCode);
        var mixed = CliRunner.Run("merge", temp.File("a.db"), temp.File("c.db"), "--into", temp.File("all.db"));
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("not the spec", mixed.Err);
        Assert.False(File.Exists(temp.File("all.db")));
        Assert.Equal(2, CliRunner.Run("merge", temp.File("a.db")).ExitCode); // no --into
        Assert.Equal(2, CliRunner.Run("merge", temp.File("a.db"), "--into", temp.File("a.db")).ExitCode);
        Assert.Equal(2, CliRunner.Run("merge", temp.File("missing.db"), "--into", temp.File("all.db")).ExitCode);
        Assert.False(File.Exists(temp.File("all.db")));
    }

    [Fact]
    public void SlurmWritesAnArrayJobAndAMergeJobForTheShards()
    {
        using var temp = new TempFolder();
        string spec = Spec(temp);
        string dir = temp.File("job");
        var run = CliRunner.Run("slurm", spec, "--shards", "4", "--out", dir, "--partition", "short", "--time", "1:30:00",
            "--cpus-per-task", "2", "--mem", "4G", "--dln", "/opt/dln/dln");
        Assert.Equal(0, run.ExitCode);
        string sweep = File.ReadAllText(Path.Combine(dir, "sweep.sbatch"));
        string merge = File.ReadAllText(Path.Combine(dir, "merge.sbatch"));
        foreach (var line in new[] { "#SBATCH --array=0-3", $"#SBATCH --output={dir}/logs/sweep-%A_%a.out", "#SBATCH --partition=short",
                     "#SBATCH --time=1:30:00", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=4G",
                     $"exec /opt/dln/dln sweep {dir}/spec.toml --shard auto/4 --store \"{dir}/shards/shard-$SLURM_ARRAY_TASK_ID.db\" --threads 2 --quiet" })
            Assert.Contains(line + "\n", sweep);
        Assert.Contains($"exec /opt/dln/dln merge {string.Join(' ', Enumerable.Range(0, 4).Select(i => $"{dir}/shards/shard-{i}.db"))} --into {dir}/merged.db\n", merge);
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes\n", merge);
        Assert.Equal(File.ReadAllText(spec), File.ReadAllText(Path.Combine(dir, "spec.toml")));
        Assert.True(Directory.Exists(Path.Combine(dir, "shards")) && Directory.Exists(Path.Combine(dir, "logs")));
        Assert.Contains($"jobid=$(sbatch --parsable {dir}/sweep.sbatch)", run.Out);
        Assert.Contains($"sbatch --dependency=afterok:${{jobid%%;*}} {dir}/merge.sbatch", run.Out);
        foreach (var script in new[] { "sweep.sbatch", "merge.sbatch" })
        {
            using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", Path.Combine(dir, script)]) { RedirectStandardError = true })!;
            bash.WaitForExit();
            Assert.Equal(0, bash.ExitCode);
        }
        // The same spec again (a resubmission) is accepted; another spec in the folder is not.
        Assert.Equal(0, CliRunner.Run("slurm", spec, "--shards", "4", "--out", dir).ExitCode);
        File.WriteAllText(spec, SweepCommandTests.TinySpec.Replace("datasets = 2", "datasets = 3"));
        var other = CliRunner.Run("slurm", spec, "--shards", "4", "--out", dir);
        Assert.Equal(2, other.ExitCode);
        Assert.StartsWith("dln: error: --out: ", other.Err);
    }

    [Theory]
    [InlineData("--shards", "9", "--shards")]
    [InlineData("--shards", "0", "--shards")]
    [InlineData("--time", "soon", "--time")]
    [InlineData("--mem", "lots", "--mem")]
    [InlineData("--partition", "a b", "--partition")]
    [InlineData("--cpus-per-task", "0", "--cpus-per-task")]
    public void BadSlurmSettingsAreRefusedBeforeAnythingIsWritten(string option, string value, string named)
    {
        using var temp = new TempFolder();
        string spec = Spec(temp);
        string[] args = ["slurm", spec, "--shards", "4", "--out", temp.File("job")];
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        var run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"dln: error: {named}", run.Err);
        Assert.False(Directory.Exists(temp.File("job")));
        Assert.Equal(2, CliRunner.Run("slurm", spec, "--shards", "4", "--out", temp.File("a%b")).ExitCode);
        Assert.False(Directory.Exists(temp.File("a%b")));
    }
}
