using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class TwoProcessTests
{
    /// <summary>
    /// Two processes run the same sweep on one store at the same time (this assembly's Program as the child): both
    /// finish, no run is computed by both (their counts add up to the sweep), the store holds every run once, and it
    /// equals a store filled by one process.
    /// </summary>
    [Fact]
    public void TwoProcessesOnOneStoreLeaveItWhole()
    {
        var dir = TestSweeps.TempDir();
        var specPath = TestSweeps.WriteToml(dir);
        var storePath = Path.Combine(dir, "shared.db");
        var outputs = new[] { new List<string>(), new List<string>() };
        var children = outputs.Select(lines => Start(specPath, storePath, lines)).ToArray();
        foreach (var child in children)
        {
            Assert.True(child.WaitForExit(120_000), "a child did not finish within two minutes");
            child.WaitForExit();
            Assert.Equal(0, child.ExitCode);
            child.Dispose();
        }
        int computed = outputs.Sum(lines => { lock (lines) return int.Parse(lines.Single(l => l.StartsWith("done ", StringComparison.Ordinal))[5..]); });

        var spec = SweepSpecToml.Load(specPath);
        using var store = ResultStore.Open(storePath);
        using var reference = ResultStore.Open(Path.Combine(dir, "reference.db"));
        SweepRunner.Run(spec, reference, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(spec.Expand().Count, store.RunCount());
        Assert.Equal(spec.Expand().Count, computed);
        TestSweeps.AssertSameRuns(reference.Runs(), store.Runs());
        Assert.Equal(0, SweepRunner.Run(spec, store).Computed);
    }

    private static Process Start(string specPath, string storePath, List<string> lines)
    {
        var child = TestSweeps.StartChildSweep(specPath, storePath, 0);
        child.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (lines) lines.Add(line); };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }
}
