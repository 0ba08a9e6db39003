using System.Diagnostics;
using System.Text;

namespace DlnLab.Native.Tests;

/// <summary>A command run to its end, with what it printed; its environment is the test host's without MSBuild's variables.</summary>
internal sealed record ChildProcess(int ExitCode, string Output, string Error)
{
    /// <summary>What a failure message needs: the command's exit code and the tail of both streams.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Tail(Output)}\n--- stderr ---\n{Tail(Error)}";

    public static ChildProcess Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // A build started from inside `dotnet test` must not inherit the outer build's MSBuild settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        // No MSBuild node or build server may outlive the command: one would hold its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        // A null line is the end of a stream: the last process holding its pipe has closed it.
        var outputEnded = new TaskCompletionSource();
        var errorEnded = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data is null) outputEnded.TrySetResult(); else lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is null) errorEnded.TrySetResult(); else lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran past {timeout}");
        }
        // The whole of its output (the timed WaitForExit does not wait for it); a process it left behind holding the
        // pipes open fails the test after a minute instead of holding the run.
        if (!Task.WaitAll([outputEnded.Task, errorEnded.Task], TimeSpan.FromMinutes(1)))
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} exited, but a process it started kept its output open for a minute");
        return new ChildProcess(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>`dotnet ARGS`, with the host that runs the tests.</summary>
    public static ChildProcess Dotnet(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null) =>
        Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, workingDirectory, timeout, environment);

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}
