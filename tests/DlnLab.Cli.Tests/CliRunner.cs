namespace DlnLab.Cli.Tests;

/// <summary>Runs `dln` in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Err);

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
