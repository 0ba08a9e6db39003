using System.Text.Json;
using DlnLab.Analysis;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln train --theory auto|full|none`: the check after training on request, or only where it is quick.</summary>
public class TrainTheoryModeTests
{
    private static JsonElement Theory(params string[] args)
    {
        var r = CliRunner.Run(["train", "--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("theory");
    }

    [Fact]
    public void Auto_checks_a_small_problem_as_full_does()
    {
        string[] small = ["--n", "20", "--d", "30", "--max-steps", "3000"];
        var auto = Theory(small);
        Assert.Equal(JsonValueKind.Object, auto.ValueKind);
        Assert.Equal(JsonValueKind.Number, auto.GetProperty("distance_to_gradient_flow").ValueKind);
        Assert.Equal(Theory([.. small, "--theory", "full"]).GetRawText(), auto.GetRawText());
    }

    [Fact]
    public void None_writes_a_null_theory()
    {
        Assert.Equal(JsonValueKind.Null, Theory("--n", "20", "--d", "30", "--max-steps", "1", "--theory", "none").ValueKind);
    }

    [Fact]
    public void Auto_skips_just_above_its_bound_and_runs_just_below()
    {
        // n = 200: n^2 d crosses QuickWork = 4e8 between d = 10000 and d = 10008.
        Assert.True(TheoryCheck.IsQuick(200, 10000));
        Assert.False(TheoryCheck.IsQuick(200, 10008));
        Assert.Equal(JsonValueKind.Null, Theory("--n", "200", "--d", "10008", "--s", "3", "--max-steps", "1").ValueKind);
        Assert.Equal(JsonValueKind.Object, Theory("--n", "40", "--d", "50", "--s", "3", "--max-steps", "1").ValueKind);
    }

    [Fact]
    public void The_summary_says_the_check_was_skipped_and_how_to_run_it()
    {
        var r = CliRunner.Run("train", "--n", "200", "--d", "10008", "--s", "3", "--max-steps", "1");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("skipped", r.Out);
        Assert.Contains("--theory full", r.Out);
        Assert.DoesNotContain("gradient flow", r.Out);
        var none = CliRunner.Run("train", "--n", "20", "--d", "30", "--max-steps", "1", "--theory", "none");
        Assert.Contains("not checked (--theory none)", none.Out);
    }

    [Fact]
    public void A_bad_mode_is_a_one_line_error_naming_the_option()
    {
        var r = CliRunner.Run("train", "--theory", "sometimes");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--theory", r.Err);
        Assert.Contains("auto, full, none", r.Err);
    }
}
