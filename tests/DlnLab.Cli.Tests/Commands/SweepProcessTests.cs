using System.Text.RegularExpressions;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>A store shared with its reference: the export (runs.csv without wall times) of the sweep run once, uninterrupted, in one process.</summary>
public sealed class UninterruptedSweep
{
    // 6 datasets x 2 alphas x 2 batch sizes x 6 stepsizes = 144 runs of at most 4000 steps on (n, d) = (20, 30).
    public const string Spec = """
        name = "killable"
        [seeds]
        datasets = 6
        [problem]
        n = 20
        d = 30
        s = 3
        [training]
        alpha = [0.05, 0.1]
        batch_size = [1, 2]
        max_steps = 4000
        tolerance = 1e-6
        [stepsize]
        values = [0.005, 0.01, 0.02, 0.03, 0.04, 0.05]
        """;

    public const int Runs = 144;

    private readonly Lazy<string[]> _csv = new(() =>
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), Spec);
        Assert.Equal(0, CliRunner.Run("sweep", temp.File("spec.toml"), "--store", temp.File("ref.db"), "--threads", "2", "--quiet").ExitCode);
        return ExportedRuns(temp.File("ref.db"));
    });

    public string[] Csv => _csv.Value;

    /// <summary>runs.csv of a store without its wall_seconds column.</summary>
    public static string[] ExportedRuns(string store)
    {
        string outDir = store + ".export";
        var run = CliRunner.Run("export", "--store", store, "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Err);
        var lines = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        int wall = Array.IndexOf(lines[0].Split(','), "wall_seconds");
        return [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != wall)))];
    }
}

/// <summary>
/// `dln sweep` as real processes: killed with SIGKILL at random points and resumed, three at once on one store, and a
/// store whose folder is deleted under it.
/// </summary>
public class SweepProcessTests(UninterruptedSweep reference) : IClassFixture<UninterruptedSweep>
{
    [Fact]
    public async Task TwentyKillsAtRandomPointsThenAResumeGiveTheUninterruptedStore()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), UninterruptedSweep.Spec);
        string store = temp.File("killed.db");
        string[] args = ["sweep", temp.File("spec.toml"), "--store", store, "--threads", "1", "--quiet"];
        var random = new Random(20261202);
        int kills = 0;
        for (int attempt = 0; attempt < 60 && kills < 20; attempt++)
        {
            long before = Count(store);
            using var child = DlnProcess.Start(args);
            var output = child.StandardOutput.ReadToEndAsync();
            var error = child.StandardError.ReadToEndAsync();
            // A quarter of the kills at a random time from start-up on, the others 0 to 10 ms after the 1st or 2nd new
            // committed run; never later than the 3rd, so that twenty kills leave runs to resume on a fast machine too.
            bool early = random.NextDouble() < 0.25;
            var delay = TimeSpan.FromMilliseconds(early ? random.Next(0, 700) : 60_000);
            long target = before + (early ? 3 : random.Next(1, 3));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!child.HasExited && Count(store) < target && clock.Elapsed < delay) Thread.Sleep(5);
            if (!early) Thread.Sleep(random.Next(0, 10));
            if (child.HasExited)
            {
                child.WaitForExit();
                Assert.True(child.ExitCode == 0, await error);
                break; // it finished: nothing left to kill
            }
            child.Kill();
            child.WaitForExit();
            kills++;
        }
        Assert.True(kills >= 20, $"only {kills} kills before the sweep finished");

        var resumed = DlnProcess.Run(args, TimeSpan.FromMinutes(2));
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        var counts = Regex.Match(resumed.Out, @"(\d+) runs, (\d+) computed now, (\d+) already stored");
        Assert.True(counts.Success, resumed.Out);
        Assert.Equal(UninterruptedSweep.Runs, int.Parse(counts.Groups[2].Value) + int.Parse(counts.Groups[3].Value));
        Assert.Equal(reference.Csv, UninterruptedSweep.ExportedRuns(store));
        Assert.Equal(["killed.db", "killed.db.export", "spec.toml"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ThreeConcurrentSweepsComputeEachRunOnce()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), UninterruptedSweep.Spec);
        string store = temp.File("shared.db");
        var children = Enumerable.Range(0, 3)
            .Select(_ => DlnProcess.Start(["sweep", temp.File("spec.toml"), "--store", store, "--threads", "1", "--quiet"]))
            .Select(p => (Process: p, Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        int computed = 0;
        foreach (var (process, output, error) in children)
        {
            Assert.True(process.WaitForExit(120_000), "a sweep did not finish within two minutes");
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, await error);
            string text = await output;
            var line = Regex.Match(text, @"(\d+) computed now|all (\d+) runs already stored");
            Assert.True(line.Success, text);
            computed += line.Groups[1].Success ? int.Parse(line.Groups[1].Value) : 0;
            process.Dispose();
        }
        Assert.Equal(UninterruptedSweep.Runs, computed);
        using (var results = ResultStore.OpenReadOnly(store))
        {
            Assert.Equal(UninterruptedSweep.Runs, results.RunCount());
            Assert.Equal(UninterruptedSweep.Runs, results.RunKeys().Count);
        }
        Assert.Equal(reference.Csv, UninterruptedSweep.ExportedRuns(store));
    }

    [Fact]
    public async Task AStoreFolderDeletedMidSweepFailsTheSweepWithOneLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), UninterruptedSweep.Spec);
        string folder = temp.File("results");
        string store = Path.Combine(folder, "k.db");
        using var child = DlnProcess.Start(["sweep", temp.File("spec.toml"), "--store", store, "--threads", "1", "--quiet"]);
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!child.HasExited && Count(store) < 1 && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.False(child.HasExited, "the sweep ended before its folder could be deleted");
        Directory.Delete(folder, recursive: true);
        Assert.True(child.WaitForExit(60_000));
        child.WaitForExit();
        var run = new CliRunner.Outcome(child.ExitCode, await output, await error);
        Assert.Equal(1, run.ExitCode);
        FolderSnapshot.AssertOneErrorLine(run);
        Assert.StartsWith($"dln: error: {store}: was deleted", run.Err);
        Assert.DoesNotContain("computed now", run.Out);
    }

    /// <summary>Runs committed so far (0 while there is no store yet).</summary>
    private static long Count(string store)
    {
        if (!File.Exists(store)) return 0;
        try
        {
            using var results = ResultStore.OpenReadOnly(store);
            return results.RunCount();
        }
        catch (Exception e) when (e is InvalidInputException or IOException)
        {
            return 0; // being created or moved into place right now
        }
    }
}
