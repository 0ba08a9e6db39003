namespace DlnLab.Cli.Tests.Commands;

public class ReproduceCommandTests
{
    [Fact]
    public void ReproducesOneFigureIntoTheOutputFolder()
    {
        using var folder = new TempFolder();
        string output = folder.File("results");
        var run = CliRunner.Run("reproduce", "fig3", "--datasets", "2", "--out", output, "--threads", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "fig3.png")));
        Assert.True(File.Exists(Path.Combine(output, "fig3.csv")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Contains("runs computed", run.Out);
        Assert.DoesNotContain("\u001b[", run.Out);

        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains($"| Command line | dln reproduce fig3 --datasets 2 --out {output} --threads 1 |", report);
        Assert.Contains("| Software version | " + DlnLab.Experiments.Storage.ResultStore.SoftwareVersion + " |", report);
        Assert.Contains("| Sweep seed | 1 |", report);
        Assert.Matches(@"\| Training wall time \| [0-9.]+ s in this call", report);
        string[] seeds = File.ReadAllLines(Path.Combine(output, "seeds.csv"));
        Assert.Equal("sweep,data_seed,runs", seeds[0]);
        Assert.Equal(2, seeds.Length - 1);
    }

    [Theory]
    [InlineData("fig9")]
    [InlineData("--datasets", "0")]
    [InlineData("--alpha", "-1")]
    public void BadArgumentsAreExitCode2AndWriteNothing(params string[] args)
    {
        using var folder = new TempFolder();
        string output = folder.File("results");
        var run = CliRunner.Run(["reproduce", .. args, "--out", output]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error:", run.Err);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--alpha", "0.05")]
    [InlineData("--datasets", "3")]
    [InlineData("--max-steps", "20000")]
    [InlineData("--seed", "7")]
    [InlineData("--tolerance", "1e-4")]
    public void A_folder_holding_runs_of_other_settings_draws_only_the_runs_of_the_settings_asked_for(string option, string value)
    {
        using var folder = new TempFolder();
        var first = new Dictionary<string, string> { ["--datasets"] = "2", ["--max-steps"] = "10000", ["--threads"] = "2" };
        var second = new Dictionary<string, string>(first) { [option] = value };
        string[] Args(Dictionary<string, string> settings, string output) =>
            ["reproduce", "fig1", .. settings.SelectMany(kv => new[] { kv.Key, kv.Value }), "--out", output];
        string shared = folder.File("shared"), alone = folder.File("alone");
        Assert.Equal(0, CliRunner.Run(Args(first, shared)).ExitCode);
        var mixed = CliRunner.Run(Args(second, shared));
        var fresh = CliRunner.Run(Args(second, alone));
        Assert.Equal(0, mixed.ExitCode);
        Assert.Equal(0, fresh.ExitCode);

        Assert.Equal(File.ReadAllText(Path.Combine(alone, "fig1.csv")), File.ReadAllText(Path.Combine(shared, "fig1.csv")));
        string RunsLine(string dir) => File.ReadLines(Path.Combine(dir, "report.md")).First(l => l.Contains(" stored, ", StringComparison.Ordinal));
        Assert.Equal(RunsLine(alone), RunsLine(shared));
    }
}
