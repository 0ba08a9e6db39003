using System.Diagnostics;

namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>`dln` as a separate process (the build of the CLI next to the tests), for signals and environment variables.</summary>
internal static class DlnProcess
{
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // Through env(1) with SIGINT's default action restored: a test run started in the background of a shell
        // without job control ignores SIGINT, every process it starts inherits that, and dln, like any program, keeps an
        // ignored SIGINT ignored (env execs, so the process is dln itself).
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dln.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the exit code and what it printed.</summary>
    public static CliRunner.Outcome Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dln {string.Join(' ', args)} did not end within {timeout}");
        }
        return new CliRunner.Outcome(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Sends a signal (by name: INT, TERM) with kill(1).</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
