using System.Text.Json;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>The model and its start on `dln sweep` (flags), in the export, and in the theory of `dln train --json`.</summary>
public class SweepModelTests
{
    [Fact]
    public void A_model_axis_from_flags_is_stored_and_exported_per_run()
    {
        using var temp = new TempFolder();
        var sweep = CliRunner.Run("sweep", "--name", "m", "--n", "8", "--d", "12", "--s", "1", "--n-test", "10", "--model", "uv,power:3",
            "--batch-size", "n", "--stepsize", "0.01", "--max-steps", "500", "--store", temp.File("r.db"), "--quiet");
        Assert.True(sweep.ExitCode == 0, sweep.Err);
        var export = CliRunner.Run("export", "--store", temp.File("r.db"), "--sweep", "m", "--out", temp.File("out"));
        Assert.True(export.ExitCode == 0, export.Err);
        var csv = File.ReadAllLines(temp.File("out/runs.csv"));
        var header = csv[0].Split(',');
        int model = Array.IndexOf(header, "model"), u0 = Array.IndexOf(header, "u0"), v0 = Array.IndexOf(header, "v0");
        Assert.True(model >= 0 && u0 >= 0 && v0 >= 0, csv[0]);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["power:3", "uv"], rows.Select(r => r[model]).Order());
        Assert.All(rows, r => Assert.Equal(("nan", "nan"), (r[u0], r[v0]))); // the default start: no number, written as nan
    }

    [Theory]
    [InlineData("power:3", "--u0", "1", "dln: error: --u0: applies to the uv model only")]
    [InlineData("power:99", "--v0", "1", "dln: error: --model: got power:99;")]
    public void A_bad_model_axis_is_one_line_and_nothing_is_written(string model, string flag, string value, string start)
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("sweep", "--model", model, flag, value, "--store", temp.File("r.db"), "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(start, run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(temp.File("r.db")));
    }

    [Fact]
    public void Train_json_has_the_theory_of_any_start_and_names_the_model_once()
    {
        var uv = Json(CliRunner.Run("train", "--n", "10", "--d", "20", "--s", "2", "--scale", "1", "--u0", "1", "--v0", "0.3", "--alpha", "1",
            "--batch-size", "n", "--stepsize", "0.02", "--tolerance", "1e-22", "--max-steps", "400000", "--json"));
        Assert.Equal("converged", uv.GetProperty("status").GetString());
        var theory = uv.GetProperty("theory");
        Assert.True(theory.GetProperty("theorem22_residual").GetDouble() < 1e-8);
        Assert.Equal(JsonValueKind.Number, theory.GetProperty("distance_to_gradient_flow").ValueKind);

        var power = Json(CliRunner.Run("train", "--n", "10", "--d", "20", "--s", "2", "--scale", "1", "--model", "power:3", "--alpha", "0.5",
            "--batch-size", "n", "--stepsize", "0.004", "--tolerance", "1e-18", "--max-steps", "400000", "--json"));
        theory = power.GetProperty("theory");
        Assert.Equal(JsonValueKind.Null, theory.GetProperty("theorem22_residual").ValueKind);
        Assert.True(theory.GetProperty("distance_to_gradient_flow").GetDouble() < 1e-2);
        // The model and its start are spec fields (spec.training), not result fields.
        foreach (var field in new[] { "model", "u0", "v0" }) Assert.False(power.TryGetProperty(field, out _), field);
        Assert.Equal("power:3", power.GetProperty("spec").GetProperty("training").GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("--model,power:3,--alpha,0.5", "none for power:3", "relative distance to the argmin Q_3 interpolator")]
    [InlineData("--u0,1,--v0,0.3", "run vs predicted interpolator: relative distance", "relative distance to the gradient-flow interpolator from (u0, v0)")]
    public void Train_summary_names_the_interpolator_of_the_run(string start, string theorem22, string flow)
    {
        var run = CliRunner.Run(["train", "--n", "10", "--d", "20", "--s", "2", "--scale", "1", .. start.Split(','),
            "--batch-size", "n", "--stepsize", "0.004", "--tolerance", "1e-16", "--max-steps", "400000"]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains(theorem22, run.Out);
        Assert.Contains(flow, run.Out);
    }

    private static JsonElement Json(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }
}
