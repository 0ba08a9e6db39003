using System.Text.Json;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln train --model`, `--u0`, `--v0`.</summary>
public class TrainModelTests
{
    private static JsonElement Json(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void A_power_model_trains_and_leaves_the_uv_quantities_null()
    {
        var json = Json(CliRunner.Run("train", "--n", "10", "--d", "15", "--model", "power:3", "--alpha", "0.3", "--batch-size", "n",
            "--stepsize", "0.002", "--max-steps", "3000", "--json"));
        var training = json.GetProperty("spec").GetProperty("training");
        Assert.Equal("power:3", training.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, training.GetProperty("u0").ValueKind);
        foreach (string field in new[] { "gain", "gain_l1", "ln_alpha_inf_squared", "alpha_inf", "beta_tilde0", "delta" })
            Assert.Equal(JsonValueKind.Null, json.GetProperty(field).ValueKind);
        var problem = SparseRegression.Generate(new SparseRegressionSpec { N = 10, D = 15 });
        var expected = Trainer.Train(problem, new TrainingOptions
        {
            Model = ModelSpec.Power(3), Alpha = 0.3, BatchSize = 10, Stepsize = StepsizeSchedule.Constant(0.002), MaxSteps = 3000,
        });
        Assert.Equal(expected.Beta, json.GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()));
        Assert.True(json.GetProperty("train_loss").GetDouble() < json.GetProperty("trajectory")[0].GetProperty("train_loss").GetDouble());
    }

    [Fact]
    public void U0_and_v0_reach_the_trainer_as_numbers_or_vectors()
    {
        string v0 = string.Join(',', Enumerable.Range(0, 8).Select(i => i == 0 ? "0.2" : "0.05"));
        var json = Json(CliRunner.Run("train", "--n", "5", "--d", "8", "--s", "1", "--u0", "0.2", "--v0", v0, "--max-steps", "2000", "--json"));
        var training = json.GetProperty("spec").GetProperty("training");
        Assert.Equal(0.2, training.GetProperty("u0").GetDouble());
        Assert.Equal(8, training.GetProperty("v0").GetArrayLength());
        // Coordinate 0 has u0 = v0: A = 0 there, reported as ln alpha_inf^2 = -infinity (null in JSON), beta0~ finite.
        Assert.Equal(JsonValueKind.Null, json.GetProperty("ln_alpha_inf_squared")[0].ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("beta_tilde0")[0].ValueKind);
        var problem = SparseRegression.Generate(new SparseRegressionSpec { N = 5, D = 8, S = 1 });
        var expected = Trainer.Train(problem, new TrainingOptions
        {
            MaxSteps = 2000, U0 = ScaleOrVector.Uniform(0.2), V0 = ScaleOrVector.PerCoordinate(v0.Split(',').Select(double.Parse).ToArray()),
        });
        Assert.Equal(expected.Beta, json.GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Theory]
    [InlineData("model", "--model", "power:1")]
    [InlineData("model", "--model", "deep")]
    [InlineData("u0", "--u0", "0.1,0.2")]
    [InlineData("v0", "--v0", "x")]
    [InlineData("u0", "--u0", "nan")]
    public void Bad_model_or_start_is_one_line_naming_the_field(string field, string flag, string value)
    {
        var r = CliRunner.Run("train", "--n", "5", "--d", "8", flag, value, "--max-steps", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dln: error: ", r.Err);
        Assert.Contains(field, r.Err);
    }

    [Fact]
    public void A_start_for_a_power_model_is_refused()
    {
        var r = CliRunner.Run("train", "--model", "power:2", "--u0", "0.1", "--max-steps", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("u0", r.Err);
    }
}
