using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class TwoProcessTests
{
    /// <summary>
    /// Two processes run the same sweep on one store at the same time (this assembly's Program as the child): both
    /// finish, the store holds every run once, and it equals a store filled by one process.
    /// </summary>
    [Fact]
    public void TwoProcessesOnOneStoreLeaveItWhole()
    {
        var dir = TestSweeps.TempDir();
        var specPath = TestSweeps.WriteToml(dir);
        var storePath = Path.Combine(dir, "shared.db");
        var children = Enumerable.Range(0, 2).Select(_ => Start(specPath, storePath)).ToArray();
        foreach (var child in children)
        {
            Assert.True(child.WaitForExit(120_000), "a child did not finish within two minutes");
            Assert.Equal(0, child.ExitCode);
            child.Dispose();
        }

        var spec = SweepSpecToml.Load(specPath);
        using var store = ResultStore.Open(storePath);
        using var reference = ResultStore.Open(Path.Combine(dir, "reference.db"));
        SweepRunner.Run(spec, reference, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(spec.Expand().Count, store.RunCount());
        TestSweeps.AssertSameRuns(reference.Runs(), store.Runs());
        Assert.Equal(0, SweepRunner.Run(spec, store).Computed);
    }

    private static Process Start(string specPath, string storePath)
    {
        var child = TestSweeps.StartChildSweep(specPath, storePath, 0);
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }
}
