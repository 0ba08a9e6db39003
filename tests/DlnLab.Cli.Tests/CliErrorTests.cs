using System.CommandLine;

namespace DlnLab.Cli.Tests;

public class CliErrorTests
{
    // Each bad input: the arguments and the option the message must name.
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--n", "0"], "--n" },
        { ["--n", "-5"], "--n" },
        { ["--d", "0"], "--d" },
        { ["--n-test", "0"], "--n-test" },
        { ["--s", "31"], "--s" },
        { ["--batch-size", "0"], "--batch-size" },
        { ["--batch-size", "21"], "--batch-size" },
        { ["--batch-size", "many"], "--batch-size" },
        { ["--stepsize", "0"], "--stepsize" },
        { ["--stepsize", "-0.1"], "--stepsize" },
        { ["--stepsize", "NaN"], "--stepsize" },
        { ["--stepsize", "Infinity"], "--stepsize" },
        { ["--stepsize", "step:0.1,2"], "--stepsize" },
        { ["--alpha", "0"], "--alpha" },
        { ["--alpha", "-0.1"], "--alpha" },
        { ["--alpha", "0.1,0.2"], "--alpha" },
        { ["--alpha", "abc"], "--alpha" },
        { ["--n", "abc"], "--n" },
        { ["--tolerance", "1,5"], "--tolerance" },
        { ["--max-steps", "lots"], "--max-steps" },
        { ["--nonzeros", "cauchy"], "--nonzeros" },
        { ["--scale", "0"], "--scale" },
        { ["--data-seed", "-1"], "--data-seed" },
        { ["--bogus", "1"], "unknown option --bogus" },
        { ["--n"], "--n" },
        { ["--alpha", "--json"], "--alpha" },
        { ["--data"], "--data" },
        { ["--data", "problem.csv"], "--data" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_with_2_names_the_option_and_writes_nothing(string[] bad, string option)
    {
        using var folder = new TempFolder();
        string trajectory = folder.File("trajectory.csv");
        var r = CliRunner.Run(["train", .. bad, "--max-steps", "100", "--trajectory", trajectory, "--json"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("dln: error: " + option, lines[0]);
        Assert.DoesNotContain(" at ", lines[0]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Message_says_what_is_allowed()
    {
        Assert.Contains("[1, 20]", CliRunner.Run("train", "--batch-size", "21").Err);
        Assert.Contains("[0, d] = [0, 30]", CliRunner.Run("train", "--s", "31").Err);
        Assert.Contains("got abc; must be an integer", CliRunner.Run("train", "--n", "abc").Err);
        Assert.Contains("gaussian, rademacher, uniform, constant", CliRunner.Run("train", "--nonzeros", "x").Err);
        Assert.Contains("x.npy", CliRunner.Run("train", "--data", "x.npy").Err);
    }

    [Fact]
    public void An_option_followed_by_another_option_has_no_value()
    {
        var r = CliRunner.Run("train", "--max-steps", "10", "--trajectory", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("dln: error: --trajectory: got nothing; needs a value", r.Err);
        Assert.False(File.Exists("--json"));
    }

    [Fact]
    public void A_near_miss_option_gets_a_suggestion()
    {
        var r = CliRunner.Run("train", "--batchsize", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean --batch-size?", r.Err);
    }

    [Fact]
    public void Unknown_command_and_no_command_exit_with_2()
    {
        var unknown = CliRunner.Run("trian");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("did you mean train?", unknown.Err);
        var none = CliRunner.Run();
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("train", none.Err);
    }

    [Fact]
    public void Trajectory_in_a_missing_folder_is_refused_before_training()
    {
        using var folder = new TempFolder();
        var r = CliRunner.Run("train", "--trajectory", Path.Combine(folder.Path, "missing", "t.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("dln: error: --trajectory", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Unexpected_exception_is_one_line_and_exit_code_1()
    {
        var root = new Command("dln");
        var failing = new Command("fail");
        failing.SetAction(_ => ((int[])[])[1]);
        root.Subcommands.Add(failing);
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(1, Cli.Run(root, ["fail"], output, error));
        Assert.Equal("", output.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("dln: unexpected error (IndexOutOfRangeException)", lines[0]);
    }

    [Fact]
    public void Input_error_thrown_by_a_command_is_exit_code_2_with_the_option_name()
    {
        var root = new Command("dln");
        var command = new Command("solve");
        command.Options.Add(new Option<string>("--batch-size"));
        command.SetAction(new Func<ParseResult, int>(_ => throw new InvalidInputException("batch-size", 0, "must be an integer in [1, 5]")));
        root.Subcommands.Add(command);
        var error = new StringWriter();

        Assert.Equal(2, Cli.Run(root, ["solve"], new StringWriter(), error));
        Assert.Equal("dln: error: --batch-size: got 0; must be an integer in [1, 5]", error.ToString().Trim());
    }
}
