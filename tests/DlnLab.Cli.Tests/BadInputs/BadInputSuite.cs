namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// Every case of <see cref="BadInputCases"/>, run in its own temporary folder: `dln` must exit with the case's code (2
/// for bad input, 1 for a fault of the file system), print exactly one line on stderr that names the flag, with no
/// stack trace, no exception name and no "unexpected error", print nothing on stdout, and leave every entry of the
/// folder (regular files, folders, links, FIFOs, devices) as it was.
/// </summary>
public class BadInputSuite
{
    public static TheoryData<string> Names => new(BadInputCases.All.Keys);

    [Fact]
    public void The_suite_has_at_least_250_distinct_cases()
    {
        // Names are unique (All is a dictionary); a case without a label is named by its arguments.
        Assert.True(BadInputCases.All.Count >= 250, $"only {BadInputCases.All.Count} cases");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_cleanly_and_touches_nothing(string name)
    {
        var c = BadInputCases.All[name];
        using var folder = new TempFolder();
        c.Setup?.Invoke(new Fixture(folder.Path));
        var before = FolderSnapshot.Of(folder.Path);

        var run = Task.Run(() => CliRunner.Run(c.ArgsIn(folder.Path)));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run,
            "dln did not return within 60 s (a hang, or work that should have been refused)");
        var r = await run;

        AssertRefused(r.ExitCode, r.Out, r.Err, c);
        Assert.Equal(before, FolderSnapshot.Of(folder.Path));
    }

    /// <summary>The checks on what `dln` printed, shared with the cases run as a separate process.</summary>
    internal static void AssertRefused(int exitCode, string stdout, string stderr, BadInputCase c)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exitCode == c.ExitCode, $"exit code {exitCode}, expected {c.ExitCode}; stderr: {stderr}; stdout: {stdout}");
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {stderr}");
        string line = lines[0];
        Assert.StartsWith("dln: error: ", line);
        Assert.DoesNotContain("unexpected error", line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains(c.MustContain, line);
        Assert.Equal("", stdout);
    }
}
