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
}
