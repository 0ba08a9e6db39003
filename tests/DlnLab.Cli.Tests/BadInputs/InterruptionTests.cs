using System.Diagnostics;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// SIGTERM and a double Ctrl-C on a running `dln sweep` (a separate process): it stops within seconds with exit code
/// 143 or 130, keeps every finished run in the store, leaves no temporary file, and says how to resume.
/// </summary>
public class InterruptionTests
{
    // b = 1 runs of 0.1 to 0.5 s each, one at a time, 400 of them: the sweep is still far from its end when the signal
    // comes after the first stored run.
    private static readonly string[] LongSweep =
        ["sweep", "--store", "s.db", "--stepsize", string.Join(',', Enumerable.Range(1, 400).Select(i => (i * 1e-5).ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
         "--max-steps", "3000000", "--tolerance", "0", "--threads", "1", "--quiet"];

    [Fact]
    public void Sigterm_stops_a_sweep_keeps_its_finished_runs_and_says_how_to_resume()
    {
        using var folder = new TempFolder();
        var (code, stdout, stderr, elapsed) = Interrupt(folder.Path, "TERM");

        Assert.True(code == Interruption.AfterSigterm, $"exit code {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("interrupted by SIGTERM", stdout);
        Assert.Contains("To resume, run the same command again", stdout);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed} to stop");
        AssertKeptAndClean(folder.Path);
    }

    [Fact]
    public void A_second_ctrl_c_exits_at_once_and_finished_runs_are_kept()
    {
        using var folder = new TempFolder();
        var (code, stdout, stderr, elapsed) = Interrupt(folder.Path, "INT", "INT");

        // Whichever of the two signals ends it (the first stops the sweep within a moment), the code is 130.
        Assert.True(code == Interruption.AfterSigint, $"exit code {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.True(stdout.Contains("interrupted by SIGINT", StringComparison.Ordinal) || stderr.Contains("interrupted again by SIGINT", StringComparison.Ordinal),
            $"stdout: {stdout}; stderr: {stderr}");
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed} to stop");
        AssertKeptAndClean(folder.Path);
    }

    [Fact]
    public void Sigterm_stops_reproduce_during_its_bisections_and_writes_no_figure()
    {
        using var folder = new TempFolder();
        // A large budget: the first bisections for the largest convergent stepsize take many seconds, so the signal
        // comes while they are in flight (the sweep tests above check that finished runs are kept).
        string[] reproduce = ["reproduce", "fig1", "--out", "o", "--datasets", "2", "--max-steps", "2000000", "--threads", "1"];
        var (code, stdout, stderr, elapsed) = Interrupt(folder.Path, reproduce, Path.Combine("o", "runs.db"), null, "TERM");

        Assert.True(code == Interruption.AfterSigterm, $"exit code {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("interrupted by SIGTERM", stdout);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed} to stop");
        Assert.False(File.Exists(Path.Combine(folder.Path, "o", "fig1.csv")));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    private static (int Code, string Stdout, string Stderr, TimeSpan Elapsed) Interrupt(string folder, params string[] signals) =>
        Interrupt(folder, LongSweep, "s.db", "sweep", signals);

    // Signals once the store holds a run of `sweep` (or, with null, once the store exists and a moment has passed).
    private static (int Code, string Stdout, string Stderr, TimeSpan Elapsed) Interrupt(string folder, string[] args, string store, string? sweep, params string[] signals)
    {
        using var p = DlnProcess.Start(folder, null, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            WaitForStoredRun(Path.Combine(folder, store), sweep, p);
            var clock = Stopwatch.StartNew();
            foreach (var s in signals) DlnProcess.Signal(p, s);
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "dln did not stop within 60 s of the signal");
            return (p.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    private static void WaitForStoredRun(string store, string? sweep, Process p)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            Assert.False(p.HasExited, "the sweep ended before it was interrupted");
            if (File.Exists(store) && sweep is null)
            {
                Thread.Sleep(500);
                return;
            }
            if (File.Exists(store) && StoredRuns(store, sweep!) > 0) return;
            Thread.Sleep(200);
        }
        Assert.Fail("no run was stored within 120 s");
    }

    private static int StoredRuns(string store, string sweep = "sweep")
    {
        using var results = ResultStore.Open(store);
        return results.RunKeys(sweep).Count;
    }

    private static void AssertKeptAndClean(string folder)
    {
        Assert.True(StoredRuns(Path.Combine(folder, "s.db")) > 0);
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }
}
