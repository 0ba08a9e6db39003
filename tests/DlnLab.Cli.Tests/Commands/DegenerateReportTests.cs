namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln reproduce` at scales where no run converges and the gradient-flow solver fails: a report, never NaN as a finding.</summary>
public class DegenerateReportTests
{
    [Theory]
    [InlineData("1e300")]
    [InlineData("1e-300")]
    public void ExtremeAlphaGivesAReportWithoutNaNFindings(string alpha)
    {
        using var folder = new TempFolder();
        var run = CliRunner.Run("reproduce", "fig1", "--datasets", "1", "--max-steps", "300", "--alpha", alpha, "--out", folder.Path);
        Assert.Equal(0, run.ExitCode);
        var report = File.ReadAllLines(folder.File("report.md"));
        // The findings are the paragraph after the title.
        string findings = report.SkipWhile(l => !l.StartsWith("# ")).Skip(1).SkipWhile(string.IsNullOrWhiteSpace).First();
        Assert.Contains("gradient-flow interpolator", findings);
        Assert.DoesNotContain("NaN", findings);
    }
}
