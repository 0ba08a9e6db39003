using System.Diagnostics;

namespace DlnLab.Cli.Tests;

/// <summary>`dln` as a child process (the dln.dll built beside the tests), for what needs a real process: kills, locks, concurrency.</summary>
internal static class DlnProcess
{
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dln.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the exit code and what was printed.</summary>
    public static CliRunner.Outcome Run(IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var p = Start(args, environment);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            throw new TimeoutException($"dln {string.Join(' ', args)} ran past {timeout}");
        }
        p.WaitForExit();
        return new CliRunner.Outcome(p.ExitCode, output.Result, error.Result);
    }
}
