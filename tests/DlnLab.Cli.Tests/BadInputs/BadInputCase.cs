namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// One bad input: the arguments of `dln` (where "{dir}" stands for the case's own temporary working folder), what to
/// make in that folder first, the exit code expected (2 for bad input, 1 for a genuine fault of the file system) and
/// text the one line on stderr must contain (the flag it names).
/// </summary>
public sealed record BadInputCase(string[] Args, string MustContain, int ExitCode = 2, Action<Fixture>? Setup = null, string? Label = null)
{
    /// <summary>The case's name in test reports: its label, or its arguments.</summary>
    public string Name => Label ?? string.Join(' ', Args);

    /// <summary>The arguments with "{dir}" replaced by <paramref name="folder"/>.</summary>
    public string[] ArgsIn(string folder) => Args.Select(a => a.Replace("{dir}", folder, StringComparison.Ordinal)).ToArray();

    public override string ToString() => Name;
}
