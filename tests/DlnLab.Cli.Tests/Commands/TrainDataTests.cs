using System.Globalization;
using System.Text.Json;
using DlnLab.Problems;

namespace DlnLab.Cli.Tests.Commands;

public class TrainDataTests
{
    private static void WriteCsv(string path, IEnumerable<IEnumerable<double>> rows) =>
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

    private static RegressionProblem Problem() => SparseRegression.Generate(new SparseRegressionSpec { N = 10, D = 15, S = 2, NTest = 5, Seed = 2 });

    [Fact]
    public void TrainsOnAFolderOfCsvFilesLikeOnTheGeneratedProblem()
    {
        using var folder = new TempFolder();
        var p = Problem();
        WriteCsv(folder.File("X.csv"), Enumerable.Range(0, p.N).Select(i => p.X.Row(i).ToArray()));
        WriteCsv(folder.File("y.csv"), p.Y.Select(y => new[] { y }));
        WriteCsv(folder.File("beta_star.csv"), p.BetaStar!.Select(b => new[] { b }));
        var fromFiles = CliRunner.Run("train", "--data", folder.Path, "--batch-size", "full", "--stepsize", "0.02", "--json");
        var generated = CliRunner.Run("train", "--n", "10", "--d", "15", "--s", "2", "--n-test", "5", "--data-seed", "2", "--batch-size", "full", "--stepsize", "0.02", "--json");
        Assert.Equal(0, fromFiles.ExitCode);
        using var a = JsonDocument.Parse(fromFiles.Out);
        using var b = JsonDocument.Parse(generated.Out);
        Assert.Equal(b.RootElement.GetProperty("beta").GetRawText(), a.RootElement.GetProperty("beta").GetRawText());
        Assert.Equal(b.RootElement.GetProperty("distance_to_beta_star").GetRawText(), a.RootElement.GetProperty("distance_to_beta_star").GetRawText());
    }

    [Fact]
    public void TrainsOnNpyFilesGivenOneByOne()
    {
        using var folder = new TempFolder();
        var p = Problem();
        NpyWriter.Write(folder.File("features.npy"), p.X);
        NpyWriter.Write(folder.File("labels.npy"), p.Y);
        var run = CliRunner.Run("train", "--data", $"X={folder.File("features.npy")},y={folder.File("labels.npy")}", "--batch-size", "2", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(15, doc.RootElement.GetProperty("beta").GetArrayLength());
    }

    [Theory]
    [InlineData("1,2,3\n4,5\n", "line 2")]
    [InlineData("1,2,3\n4,nan,6\n", "NaN")]
    [InlineData("1,2,3\n4,x,6\n", "line 2")]
    public void BadCsvDataIsOneClearErrorWithExitCode2(string xText, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("X.csv"), xText);
        File.WriteAllText(folder.File("y.csv"), "1\n2\n");
        var run = CliRunner.Run("train", "--data", folder.Path, "--trajectory", folder.File("t.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Err, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(File.Exists(folder.File("t.csv")));
    }

    [Fact]
    public void MismatchedShapesNameBothShapes()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("X.csv"), "1,2\n3,4\n5,6\n");
        File.WriteAllText(folder.File("y.csv"), "1\n2\n");
        var run = CliRunner.Run("train", "--data", folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(3, 2)", run.Err);
    }

    [Fact]
    public void GeneratorOptionsBesideDataAreRefused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("X.csv"), "1,2\n3,4\n");
        File.WriteAllText(folder.File("y.csv"), "1\n2\n");
        var run = CliRunner.Run("train", "--data", folder.Path, "--n", "50");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--n", run.Err);
        Assert.Contains("--data", run.Err);
    }

    [Fact]
    public void MissingDataFolderIsAClearError()
    {
        var run = CliRunner.Run("train", "--data", "/no/such/folder/X.npy,y=/no/y.npy");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error:", run.Err);
    }
}
