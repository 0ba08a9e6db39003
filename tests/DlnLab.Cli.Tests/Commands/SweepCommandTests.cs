using System.CommandLine;
using System.Text.RegularExpressions;
using DlnLab.Cli.Commands;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Tests.Commands;

public class SweepCommandTests
{
    // 2 datasets x 2 batch sizes x 2 stepsizes = 8 runs of at most 2000 steps on (n, d) = (10, 15).
    internal const string TinySpec = """
        name = "tiny"
        [seeds]
        datasets = 2
        [problem]
        n = 10
        d = 15
        s = 2
        [training]
        batch_size = [1, "n"]
        max_steps = 2000
        tolerance = 1e-3
        [stepsize]
        values = [0.02, 0.1]
        """;

    private static readonly string[] TinyFlags =
        ["--n", "10", "--d", "15", "--s", "2", "--batch-size", "1,n", "--stepsize", "0.02,0.1,0.5", "--max-steps", "2000", "--threads", "2"];

    [Fact]
    public void SweepFromFlagsStoresEveryRunOfTheGrid()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run(["sweep", .. TinyFlags, "--store", temp.File("r.db")]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sweep 'sweep': 6 runs, 6 computed now, 0 already stored", run.Out);
        Assert.Matches(@"status: \d+ converged, \d+ budget_exhausted, \d+ diverged", run.Out);
        using var store = ResultStore.Open(temp.File("r.db"));
        var runs = store.Runs("sweep");
        Assert.Equal(6, runs.Count);
        Assert.Equal([1, 10], runs.Select(r => r.BatchSize).Distinct().Order());
        Assert.Equal([0.02, 0.1, 0.5], runs.Select(r => r.Stepsize).Distinct().Order());
        Assert.All(runs, r => Assert.Equal(2000, r.MaxSteps));
        // Theorem 2.2 residuals are stored for converged runs only, and the gradient-flow references once per (dataset, alpha).
        Assert.All(runs, r => Assert.Equal(r.Status == "Converged", r.Theorem22Residual is not null));
        Assert.Contains(store.References(), r => r.Name == "gradient_flow_test_loss" && r.Value > 0);
    }

    [Fact]
    public void RunningTheSameSweepAgainComputesNothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), TinySpec);
        string[] args = ["sweep", temp.File("spec.toml"), "--store", temp.File("r.db"), "--quiet"];
        var first = CliRunner.Run(args);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("8 computed now", first.Out);
        var second = CliRunner.Run(args);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("all 8 runs already stored", second.Out);
        using var store = ResultStore.Open(temp.File("r.db"));
        Assert.Equal(8, store.RunCount("tiny"));
    }

    [Fact]
    public void AnUnknownTomlKeyIsExitCode2WithItsPositionAndNoStore()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.toml"), "name = \"x\"\n[problem]\nn = 10\n  dd = 15\n");
        var run = CliRunner.Run("sweep", temp.File("bad.toml"), "--store", temp.File("r.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("dln: error: " + temp.File("bad.toml") + ":4:3: problem.dd", run.Err);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(temp.File("r.db")));
    }

    [Theory]
    [InlineData("--batch-size", "0.5")]
    [InlineData("--alpha", "-1")]
    [InlineData("--stepsize-log", "1e-3:1e-1")]
    [InlineData("--n", "10,x")]
    [InlineData("--threads", "0")]
    public void ABadFlagValueIsExitCode2NamingTheFlag(string flag, string value)
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("sweep", "--n", "10", "--d", "15", flag, value, "--store", temp.File("r.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error: " + flag, run.Err);
        Assert.False(File.Exists(temp.File("r.db")));
    }

    [Fact]
    public void AnErrorMovedToItsFlagKeepsItsForm()
    {
        // Validation names the spec field; the message is re-addressed to the flag it came from, and an error that is
        // a message alone (no value) stays one.
        using var temp = new TempFolder();
        var run = CliRunner.Run("sweep", "--n", "10", "--d", "15", "--stepsize", "0.01,0.01", "--store", temp.File("r.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("dln: error: --stepsize: has a repeated value; give each value once", run.Err.Trim());
        Assert.False(File.Exists(temp.File("r.db")));
    }

    [Fact]
    public void FlagsAndOverridesBesideASpecFileWinOverIt()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), TinySpec);
        var fromFile = SweepSpecToml.Load(temp.File("spec.toml"));
        var run = CliRunner.Run("sweep", temp.File("spec.toml"), "--alpha", "0.2", "seeds.repeats=2", "--dry-run", "--store", temp.File("r.db"));
        Assert.Equal(0, run.ExitCode);
        var printed = SweepSpecToml.Parse(run.Out, "printed.toml");
        Assert.Equal([0.2], printed.Alpha);
        Assert.Equal(2, printed.Repeats);
        Assert.Equal(SweepSpecJson.Serialize(fromFile with { Alpha = [0.2], Repeats = 2 }), SweepSpecJson.Serialize(printed));
        Assert.Contains($"means {(fromFile with { Alpha = [0.2], Repeats = 2 }).Expand().Count} runs and 0 bisections", run.Out);
        Assert.False(File.Exists(temp.File("r.db")));
    }

    [Fact]
    public void RedirectedOutputGetsPlainProgressLines()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run(["sweep", .. TinyFlags, "--store", temp.File("r.db")]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.Matches(new Regex(@"^sweep: runs 6/6 \(0 stored before\), [0-9.]+ runs/s: .*; \d+(\.\d)? s elapsed$", RegexOptions.Multiline), run.Err);
        Assert.DoesNotMatch(@"runs \d+/\d+", run.Out);
        var quiet = CliRunner.Run(["sweep", .. TinyFlags, "--alpha", "1", "--store", temp.File("r.db"), "--quiet"]);
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotMatch(@"runs \d+/\d+", quiet.Out + quiet.Err);
    }

    [Fact]
    public void ARelativeAxisReportsTheThresholds()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("sweep", "--n", "10", "--d", "15", "--s", "2", "--batch-size", "n", "--max-steps", "2000",
            "--tolerance", "1e-3", "--stepsize-relative", "0.5,0.9", "--threshold-low", "0.05", "--threshold-high", "2",
            "--threshold-precision", "0.05", "--store", temp.File("r.db"), "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("largest convergent stepsizes (1 configurations):", run.Out);
        using var store = ResultStore.Open(temp.File("r.db"));
        var threshold = Assert.Single(store.Thresholds());
        Assert.True(threshold.Found);
        Assert.All(store.Runs(), r => Assert.Equal(threshold.Stepsize, r.LargestConvergentStepsize));
    }

    [Fact]
    public void AnInterruptedSweepSaysHowToResume()
    {
        using var temp = new TempFolder();
        var root = new Command("dln") { SweepCommand.Create(new CancellationToken(canceled: true)) };
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(root, ["sweep", .. TinyFlags, "--store", temp.File("r.db")], output, error);
        Assert.Equal(SweepCommand.Interrupted, code);
        Assert.Contains("interrupted by SIGINT: 0 of 6 runs of sweep 'sweep' are stored", output.ToString());
        Assert.Contains("  dln sweep --n 10 --d 15", output.ToString());
        var resumed = CliRunner.Run(["sweep", .. TinyFlags, "--store", temp.File("r.db"), "--quiet"]);
        Assert.Contains("6 computed now", resumed.Out);
    }

    [Fact]
    public void EverySweepFlagIsAnOptionAndItsDefaultsAreTheSpecDefaults()
    {
        var command = DlnCommand.Create().Subcommands.Single(c => c.Name == "sweep");
        var parsed = command.Parse([]);
        var defaults = new Dictionary<string, string>();
        foreach (var flag in SweepSpecFlags.Flags.Keys)
        {
            var option = command.Options.SingleOrDefault(o => o.Name == "--" + flag);
            Assert.True(option is not null, $"--{flag} is not an option of dln sweep");
            if (parsed.GetValue<string?>("--" + flag) is string value) defaults[flag] = value;
        }
        Assert.Equal(SweepSpecJson.Serialize(new SweepSpec()), SweepSpecJson.Serialize(SweepSpecFlags.Build(defaults)));
    }
}
