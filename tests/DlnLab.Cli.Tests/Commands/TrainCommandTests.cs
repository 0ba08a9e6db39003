using System.Globalization;
using System.Text.Json;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Cli.Tests.Commands;

public class TrainCommandTests
{
    private static readonly string[] Example =
        ["train", "--n", "20", "--d", "30", "--s", "3", "--alpha", "0.1", "--batch-size", "1", "--stepsize", "0.01", "--seed", "1", "--json"];

    private static JsonElement Json(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("", r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void The_example_returns_one_json_object_with_every_result_field()
    {
        var r = CliRunner.Run(Example);
        Assert.Single(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // one line: concatenates into JSON Lines
        var json = Json(r);
        Assert.Contains(json.GetProperty("status").GetString(), new[] { "converged", "budget_exhausted" });
        Assert.Equal(30, json.GetProperty("beta").GetArrayLength());
        foreach (string vector in new[] { "gain", "ln_alpha_inf_squared", "alpha_inf", "beta_tilde0", "delta", "alpha" })
            Assert.Equal(30, json.GetProperty(vector).GetArrayLength());
        foreach (string field in new[] { "steps", "train_loss", "test_loss", "population_loss", "distance_to_beta_star", "gain_l1",
                     "bounced", "max_loss_rise", "singular_steps", "max_step_gradient", "trajectory", "spec", "timing" })
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        var training = json.GetProperty("spec").GetProperty("training");
        Assert.Equal(1, training.GetProperty("batch_size").GetInt32());
        Assert.Equal("0.01", training.GetProperty("stepsize").GetString());
        Assert.Equal(20, json.GetProperty("spec").GetProperty("problem").GetProperty("n").GetInt32());
    }

    [Fact]
    public void Json_numbers_are_the_trainers_numbers_bit_for_bit()
    {
        var json = Json(CliRunner.Run("train", "--n", "10", "--d", "15", "--s", "2", "--max-steps", "2000", "--seed", "7", "--json"));
        var problem = SparseRegression.Generate(new SparseRegressionSpec { N = 10, D = 15, S = 2 });
        var expected = Trainer.Train(problem, new TrainingOptions { MaxSteps = 2000, Seed = 7 });

        var beta = json.GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Beta.Select(BitConverter.DoubleToInt64Bits), beta.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Steps, json.GetProperty("steps").GetInt64());
        Assert.Equal(expected.TrainLoss, json.GetProperty("train_loss").GetDouble());
        Assert.Equal(expected.GainL1, json.GetProperty("gain_l1").GetDouble());
    }

    [Fact]
    public void Same_arguments_give_byte_identical_beta_and_another_seed_does_not()
    {
        static string Beta(params string[] extra) =>
            Json(CliRunner.Run(["train", "--n", "10", "--d", "20", "--max-steps", "3000", "--json", .. extra])).GetProperty("beta").GetRawText();

        string first = Beta("--seed", "3");
        Assert.Equal(first, Beta("--seed", "3"));
        Assert.NotEqual(first, Beta("--seed", "4"));
    }

    [Theory]
    [InlineData("n")]
    [InlineData("full")]
    [InlineData("12")]
    public void Full_batch_can_be_named(string batch)
    {
        var json = Json(CliRunner.Run("train", "--n", "12", "--d", "20", "--batch-size", batch, "--stepsize", "0.05", "--max-steps", "500", "--json"));
        Assert.Equal(12, json.GetProperty("spec").GetProperty("training").GetProperty("batch_size").GetInt32());
    }

    [Fact]
    public void Alpha_vector_and_schedule_reach_the_trainer()
    {
        string alpha = string.Join(',', Enumerable.Range(1, 8).Select(i => (0.01 * i).ToString(CultureInfo.InvariantCulture)));
        var json = Json(CliRunner.Run("train", "--n", "5", "--d", "8", "--s", "1", "--alpha", alpha, "--stepsize", "inv:0.02,100",
            "--max-steps", "300", "--json"));
        Assert.Equal(0.08, json.GetProperty("alpha")[7].GetDouble());
        Assert.Equal(8, json.GetProperty("spec").GetProperty("training").GetProperty("alpha").GetArrayLength());
        Assert.Equal("inv:0.02,100", json.GetProperty("spec").GetProperty("training").GetProperty("stepsize").GetString());
    }

    [Fact]
    public void A_diverged_run_is_a_result_with_valid_json()
    {
        var r = CliRunner.Run("train", "--n", "10", "--d", "20", "--batch-size", "n", "--stepsize", "50", "--max-steps", "1000", "--json");
        var json = Json(r);
        Assert.Equal("diverged", json.GetProperty("status").GetString());
    }

    [Fact]
    public void Trajectory_csv_is_written_and_parses()
    {
        using var folder = new TempFolder();
        string path = folder.File("trajectory.csv");
        var json = Json(CliRunner.Run("train", "--n", "10", "--d", "20", "--max-steps", "5000", "--trajectory", path, "--json"));

        var lines = File.ReadAllLines(path);
        Assert.Equal("step,train_loss,test_loss,gain_l1,distance_to_beta_star", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(json.GetProperty("trajectory").GetArrayLength(), rows.Count);
        Assert.All(rows, cells =>
        {
            Assert.Equal(5, cells.Length);
            Assert.All(cells, c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture));
        });
        var steps = rows.Select(c => long.Parse(c[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(json.GetProperty("steps").GetInt64(), steps[^1]);
        Assert.Equal(json.GetProperty("trajectory").EnumerateArray().Last().GetProperty("train_loss").GetDouble(),
            double.Parse(rows[^1][1], CultureInfo.InvariantCulture));
        Assert.Equal(["trajectory.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName)); // no temporary left behind
    }

    [Fact]
    public void Summary_is_plain_text_with_status_and_speed()
    {
        var r = CliRunner.Run("train", "--n", "10", "--d", "20", "--max-steps", "2000");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain('\u001b', r.Out);
        Assert.Contains("status", r.Out);
        Assert.Contains("steps/s", r.Out);
        Assert.Contains("train loss", r.Out);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(r.Out));
    }

    [Fact]
    public void TrainReportsTheTheorem22CheckOnConvergedRuns()
    {
        var run = CliRunner.Run("train", "--batch-size", "5", "--stepsize", "0.03", "--tolerance", "1e-20", "--max-steps", "2000000", "--json");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("converged", doc.RootElement.GetProperty("status").GetString());
        var theory = doc.RootElement.GetProperty("theory");
        Assert.True(theory.GetProperty("theorem22_residual").GetDouble() < 1e-8);
        Assert.True(theory.GetProperty("gd_stability_threshold").GetDouble() > 0);
    }
}
