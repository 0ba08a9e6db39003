using System.CommandLine;

namespace DlnLab.Cli.Tests;

public class HelpTests
{
    [Fact]
    public void Root_help_lists_the_commands()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("dln [command] [options]", r.Out);
        foreach (var command in DlnCommand.Create().Subcommands) Assert.Contains(command.Name, r.Out);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("solve")]
    [InlineData("reproduce")]
    [InlineData("sweep")]
    [InlineData("export")]
    public void Command_help_lists_every_option_with_its_default(string name)
    {
        var r = CliRunner.Run(name, "--help");
        Assert.Equal(0, r.ExitCode);
        var command = DlnCommand.Create().Subcommands.Single(c => c.Name == name);
        var lines = r.Out.Split('\n');
        foreach (var option in command.Options.Where(o => o.Name != "--help"))
        {
            // Help aligns options in a column; a long description may wrap onto following lines.
            string[] names = [option.Name, .. option.Aliases];
            int start = Array.FindIndex(lines, l => names.Any(n =>
                l.TrimStart().StartsWith(n + " ", StringComparison.Ordinal) || l.TrimStart().StartsWith(n + ",", StringComparison.Ordinal)));
            Assert.True(start >= 0, $"{option.Name} is missing from the help");
            string entry = string.Join(' ', lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.TrimStart().StartsWith('-')));
            Assert.True(entry.Contains("[default:", StringComparison.Ordinal), $"{option.Name} has no default in the help: {entry}");
        }
    }

    [Fact]
    public void Help_shows_the_core_defaults()
    {
        var help = CliRunner.Run("train", "--help").Out;
        Assert.Matches(@"--n <INT>\s+.*\[default: 20\]", help);
        Assert.Matches(@"--stepsize <GAMMA>\s+.*\[default: 0\.01\]", help);
        Assert.Matches(@"--max-steps <INT>\s+.*\[default: 100000\]", help);
    }
}
