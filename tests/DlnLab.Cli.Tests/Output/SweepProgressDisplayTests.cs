using System.Text.RegularExpressions;
using DlnLab.Cli.Output;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Tests.Output;

public class SweepProgressDisplayTests
{
    // 3 datasets x 2 batch sizes: 6 thresholds to bisect, then 6 x 2 relative stepsizes = 12 runs.
    private static readonly string[] RelativeFlags =
    [
        "--n", "10", "--d", "15", "--s", "2", "--batch-size", "1,n", "--stepsize-relative", "0.5,1", "--datasets", "3",
        "--max-steps", "2000", "--tolerance", "1e-3", "--threshold-low", "0.01", "--threshold-high", "2", "--threads", "2",
    ];

    [Fact]
    public void ASweepWithBisectionsShowsBothPhasesOnStandardErrorAndNoneOnStandardOutput()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run(["sweep", .. RelativeFlags, "--store", temp.File("r.db")]);
        Assert.Equal(0, run.ExitCode);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The first line comes before any work: the bisection phase, counted as such, with no estimate made up yet.
        Assert.Matches(@"^sweep: 0/6 thresholds found \(0 bisection runs, eta measuring\); runs 0/12 \(0 stored before\), waiting for the thresholds; ", lines[0]);
        // The last: every run, its rate, the counts by status (which add up to the runs) and the bisections' total.
        var last = Regex.Match(lines[^1], @"^sweep: runs 12/12 \(0 stored before\), [0-9.]+ runs/s: (?<statuses>[^;]+); 6/6 thresholds found \((?<bisection>\d+) bisection runs\); [0-9.]+ s elapsed$");
        Assert.True(last.Success, lines[^1]);
        int counted = last.Groups["statuses"].Value.Split(", ").Sum(part =>
        {
            var m = Regex.Match(part, @"^(\d+) (converged|budget_exhausted|diverged|oscillating|no_convergent_stepsize)$");
            Assert.True(m.Success, part);
            return int.Parse(m.Groups[1].Value);
        });
        Assert.Equal(12, counted);
        Assert.True(int.Parse(last.Groups["bisection"].Value) >= 6);
        Assert.DoesNotContain("thresholds found", run.Out);
        Assert.DoesNotMatch(@"runs \d+/\d+", run.Out);
        Assert.Contains("sweep 'sweep': 12 runs, 12 computed now", run.Out);
    }

    [Fact]
    public void ReproduceShowsItsProgressOnStandardErrorFromTheStart()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("reproduce", "fig3", "--datasets", "2", "--max-steps", "20000", "--out", temp.File("o"), "--threads", "2");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The first line comes before any work (its elapsed time is the start's: under a loaded CI machine it can pass 1 s).
        Assert.Matches(@"^stepsize: 0/\d+ thresholds found \(0 bisection runs, eta measuring\); runs 0/\d+ \(0 stored before\), waiting for the thresholds; \d+\.\d s elapsed$", lines[0]);
        Assert.Matches(@"^stepsize: runs (\d+)/\1 \(0 stored before\), ", lines[^1]);
        Assert.DoesNotMatch(@"runs \d+/\d+", run.Out);
    }

    [Fact]
    public void PlainLinesComeEveryIntervalEvenWhenNothingIsReported()
    {
        var error = new StringWriter { NewLine = "\n" };
        SweepProgressDisplay.Run(error, quiet: false, TimeSpan.FromMilliseconds(100), progress =>
        {
            progress!.Report(new SweepProgress { Sweep = "s", Completed = 0, Total = 4, AlreadyStored = 0, Elapsed = TimeSpan.Zero, ThresholdsTotal = 2 });
            Thread.Sleep(2000); // a long bisection: nothing reported meanwhile (20 intervals: room for a loaded machine)
            return 0;
        });
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, error.ToString());
        Assert.All(lines, l => Assert.StartsWith("s: 0/2 thresholds found (0 bisection runs, eta measuring)", l));
        // The elapsed time moves on in the lines the timer writes.
        Assert.NotEqual(lines[0][^14..], lines[^1][^14..]);
    }

    [Fact]
    public void EstimatesComeFromTheirOwnPhase()
    {
        var bisecting = new SweepProgress
        {
            Completed = 0, Total = 100, AlreadyStored = 0, Elapsed = TimeSpan.FromSeconds(60), ThresholdsDone = 30, ThresholdsTotal = 40,
            ThresholdsPerSecond = 0.5, BisectionRuns = 600,
        };
        Assert.Null(bisecting.Eta); // no run has been timed yet: no estimate for the runs
        Assert.Equal(TimeSpan.FromSeconds(20), bisecting.ThresholdEta);
        // Runs of datasets whose thresholds are known may end while others are bisected: counted, with no estimate yet.
        var both = bisecting with { Completed = 3, Statuses = new Dictionary<string, int> { ["converged"] = 2, ["diverged"] = 1 } };
        Assert.Contains("runs 3/100 (0 stored before), eta once the thresholds are found: 2 converged, 1 diverged", SweepProgressDisplay.Line(both));
        var running = bisecting with { ThresholdsDone = 40, Completed = 20, RunsPerSecond = 10 };
        Assert.Equal(TimeSpan.FromSeconds(8), running.Eta);
        Assert.Null(running.ThresholdEta);
        Assert.Contains("runs 20/100 (0 stored before), 10.0 runs/s, eta 8.0 s", SweepProgressDisplay.Line(running));
    }
}
