using System.Globalization;
using System.Text.Json;
using DlnLab.Analysis;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln solve --model`, `--u0/--v0`, and degenerate problems, which give statuses rather than errors.</summary>
public class SolveModelTests
{
    private static double[] Beta(JsonElement root, string name) =>
        root.GetProperty("interpolators").GetProperty(name).GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static RegressionProblem Problem() => SparseRegression.Generate(new SparseRegressionSpec { N = 10, D = 15, S = 2, NTest = 5, Seed = 2 });

    private static readonly string[] Small = ["--n", "10", "--d", "15", "--s", "2", "--n-test", "5", "--data-seed", "2"];

    [Theory]
    [InlineData("power:3")]
    [InlineData("power:2")]
    [InlineData("power:5")]
    public void PowerModelGivesTheQdInterpolator(string model)
    {
        var run = CliRunner.Run(["solve", .. Small, "--model", model, "--alpha", "0.3", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(model, doc.RootElement.GetProperty("model").GetString());
        var p = Problem();
        var alpha = Enumerable.Repeat(0.3, p.D).ToArray();
        var expected = Interpolators.GradientFlow(p.X, p.Y, ModelSpec.Parse("model", model).Depth, alpha).Beta;
        Assert.True(DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Beta(doc.RootElement, "gradient_flow"), expected) < 1e-10);
        Assert.Equal("found", doc.RootElement.GetProperty("interpolators").GetProperty("minimum_l1").GetProperty("status").GetString());
    }

    [Fact]
    public void AGeneralUvStartGivesTheBregmanProjectionOfU0TimesV0()
    {
        var run = CliRunner.Run(["solve", .. Small, "--u0", "0.4", "--v0", "0.1", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var p = Problem();
        var ok = ModelInterpolators.TryGradientFlow(p.X, p.Y, ModelSpec.Uv, Enumerable.Repeat(0.1, p.D).ToArray(),
            Enumerable.Repeat(0.4, p.D).ToArray(), Enumerable.Repeat(0.1, p.D).ToArray(), out var expected);
        Assert.True(ok);
        Assert.True(DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Beta(doc.RootElement, "gradient_flow"), expected.Beta) < 1e-10);
        // The default start u0 = sqrt(2) alpha, v0 = 0 given explicitly is the plain gradient flow.
        var explicitStart = CliRunner.Run(["solve", .. Small, "--u0", (Math.Sqrt(2) * 0.1).ToString("R", CultureInfo.InvariantCulture), "--v0", "0", "--json"]);
        var plain = CliRunner.Run(["solve", .. Small, "--json"]);
        using var a = JsonDocument.Parse(explicitStart.Out);
        using var b = JsonDocument.Parse(plain.Out);
        Assert.True(DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Beta(a.RootElement, "gradient_flow"), Beta(b.RootElement, "gradient_flow")) < 1e-12);
    }

    [Theory]
    [InlineData("--model", "power:1", "model")]
    [InlineData("--model", "deep", "model")]
    [InlineData("--u0", "1,2", "u0")]
    [InlineData("--v0", "nan", "v0")]
    public void BadModelOrStartIsExitCode2(string option, string value, string field)
    {
        var run = CliRunner.Run("solve", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"dln: error: --{field}:", run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void StartsAreRefusedForThePowerModel()
    {
        var run = CliRunner.Run("solve", "--model", "power:3", "--v0", "0.1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("uv model only", run.Err);
    }

    private static void WriteProblem(TempFolder folder, double[][] x, double[] y)
    {
        File.WriteAllLines(folder.File("X.csv"), x.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllLines(folder.File("y.csv"), y.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    private static (double[][] X, double[] Y) Rows(double factor = 1)
    {
        var p = Problem();
        return (Enumerable.Range(0, p.N).Select(i => p.X.Row(i).ToArray().Select(v => v * factor).ToArray()).ToArray(), p.Y.Select(v => v * factor).ToArray());
    }

    private static JsonElement Interpolator(JsonDocument doc, string name) => doc.RootElement.GetProperty("interpolators").GetProperty(name);

    [Theory]
    [InlineData("uv", "1e-300", "found")] // by continuation in the scale: then it is minimum l1
    [InlineData("power:2", "1e-300", "found")]
    [InlineData("uv", "1e300", "not_found")] // A = alpha^2 overflows
    [InlineData("power:3", "1e-300", "not_found")] // alpha^3 underflows: z would need 1 - |z| below 1e-200
    [InlineData("power:3", "1e300", "not_found")]
    public void ExtremeScalesAreAStatusNotAnError(string model, string alpha, string status)
    {
        var run = CliRunner.Run(["solve", .. Small, "--model", model, "--alpha", alpha, "--json"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var gf = Interpolator(doc, "gradient_flow");
        Assert.Equal(status, gf.GetProperty("status").GetString());
        if (status == "not_found") Assert.Contains("double precision", gf.GetProperty("reason").GetString());
        else Assert.True(DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Beta(doc.RootElement, "gradient_flow"), Beta(doc.RootElement, "minimum_l1")) < 1e-9);
        Assert.Equal("found", Interpolator(doc, "minimum_l1").GetProperty("status").GetString());
        Assert.Equal("found", Interpolator(doc, "minimum_l2").GetProperty("status").GetString());
        var table = CliRunner.Run(["solve", .. Small, "--model", model, "--alpha", alpha]);
        Assert.Equal(0, table.ExitCode);
        Assert.DoesNotContain("NaN", table.Out);
    }

    [Fact]
    public void AnAllZeroDesignHasNoInterpolatorAndSaysSo()
    {
        using var folder = new TempFolder();
        var (x, y) = Rows();
        WriteProblem(folder, x.Select(r => new double[r.Length]).ToArray(), y);
        var run = CliRunner.Run("solve", "--data", folder.Path);
        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "gradient flow", "minimum l1", "minimum l2" }) Assert.Contains($"{name}: not found", run.Out);
        Assert.Contains("range of X", run.Out);
    }

    [Theory]
    [InlineData("uv")]
    [InlineData("power:4")]
    public void LabelsOutsideTheRangeOfXAreAStatus(string model)
    {
        // Two equal rows with different labels: no beta interpolates.
        using var folder = new TempFolder();
        var (x, y) = Rows();
        x[1] = (double[])x[0].Clone();
        y[1] = y[0] + 1;
        WriteProblem(folder, x, y);
        var run = CliRunner.Run("solve", "--data", folder.Path, "--model", model, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        foreach (var name in new[] { "gradient_flow", "minimum_l1", "minimum_l2" })
            Assert.Equal("not_found", Interpolator(doc, name).GetProperty("status").GetString());
        Assert.False(doc.RootElement.GetProperty("gradient_flow_solver").GetProperty("converged").GetBoolean());
    }

    [Theory]
    [InlineData("uv")]
    [InlineData("power:3")]
    public void ADesignScaledBy1e200HasTheSameInterpolators(string model)
    {
        using var plain = new TempFolder();
        using var huge = new TempFolder();
        var (x, y) = Rows();
        WriteProblem(plain, x, y);
        var (bx, by) = Rows(1e200);
        WriteProblem(huge, bx, by);
        using var a = JsonDocument.Parse(CliRunner.Run("solve", "--data", plain.Path, "--model", model, "--json").Out);
        var run = CliRunner.Run("solve", "--data", huge.Path, "--model", model, "--json");
        Assert.Equal(0, run.ExitCode);
        using var b = JsonDocument.Parse(run.Out);
        foreach (var name in new[] { "gradient_flow", "minimum_l1", "minimum_l2" })
            Assert.True(DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Beta(b.RootElement, name), Beta(a.RootElement, name)) < 1e-9, name);
    }
}
