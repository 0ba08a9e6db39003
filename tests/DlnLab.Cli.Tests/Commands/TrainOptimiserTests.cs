using System.Text.Json;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln train --label-noise`, `--momentum`: the run, lambda, and the theorems' checks left out.</summary>
public class TrainOptimiserTests
{
    [Fact]
    public void Momentum_and_label_noise_reach_the_trainer_and_lambda_is_reported()
    {
        var r = CliRunner.Run("train", "--n", "10", "--d", "15", "--batch-size", "n", "--stepsize", "0.002", "--momentum", "0.5",
            "--label-noise", "0.05", "--max-steps", "3000", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        var training = json.GetProperty("spec").GetProperty("training");
        Assert.Equal(0.5, training.GetProperty("momentum").GetDouble());
        Assert.Equal(0.05, training.GetProperty("label_noise").GetDouble());
        Assert.Equal(0.008, training.GetProperty("effective_stepsize").GetDouble(), 1e-15);
        var theory = json.GetProperty("theory");
        Assert.False(theory.GetProperty("theorems_cover_run").GetBoolean());
        Assert.Equal(JsonValueKind.Null, theory.GetProperty("theorem22_residual").ValueKind);
        var expected = Trainer.Train(SparseRegression.Generate(new SparseRegressionSpec { N = 10, D = 15 }), new TrainingOptions
        {
            BatchSize = 10, Stepsize = StepsizeSchedule.Constant(0.002), Momentum = 0.5, LabelNoise = 0.05, MaxSteps = 3000,
        });
        Assert.Equal(expected.Beta, json.GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()));

        var text = CliRunner.Run("train", "--n", "10", "--d", "15", "--batch-size", "n", "--stepsize", "0.002", "--momentum", "0.5", "--max-steps", "3000");
        Assert.Contains("lambda = gamma / (1 - M)^2 = 0.008", text.Out);
        Assert.Contains("not covered: Theorems 2.1 and 2.2", text.Out);
    }

    [Theory]
    [InlineData("--momentum", "1", "[0, 1)")]
    [InlineData("--label-noise", "-0.5", ">= 0")]
    public void Bad_values_are_refused_naming_the_option(string option, string value, string allowed)
    {
        var r = CliRunner.Run("train", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{option}: got {value}; must be", r.Err);
        Assert.Contains(allowed, r.Err);
    }
}
