using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class SweepKillTests
{
    /// <summary>
    /// Starts the sweep in a child process (this assembly's Program), kills it with SIGKILL after a few committed
    /// runs, resumes it here, and checks that the store equals an uninterrupted run's and that only the missing runs
    /// were computed.
    /// </summary>
    [Fact]
    public void KilledSweepResumesToTheSameStore()
    {
        var dir = TestSweeps.TempDir();
        var specPath = TestSweeps.WriteToml(dir);
        var storePath = Path.Combine(dir, "killed.db");
        var spec = SweepSpecToml.Load(specPath);
        int total = spec.Expand().Count;

        using var child = TestSweeps.StartChildSweep(specPath, storePath, 1000);
        child.ErrorDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        // Read the child's "stored KEY" lines on a thread of its own (the pool may be busy with other tests' sweeps);
        // kill once three runs are committed. The child sleeps a second after each run, so it cannot finish first.
        var reader = new Thread(() =>
        {
            while (child.StandardOutput.ReadLine() is { } line)
                if (line.StartsWith("stored ", StringComparison.Ordinal)) lock (seen) seen.Add(line[7..]);
        }) { IsBackground = true };
        reader.Start();
        while (true)
        {
            lock (seen) if (seen.Count >= 3) break;
            Assert.False(child.HasExited, "child ended before three runs were stored");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "child stored nothing within a minute");
            Thread.Sleep(5);
        }
        child.Kill(); // SIGKILL on Linux: no cleanup, no finally blocks
        child.WaitForExit();
        reader.Join();

        using var store = ResultStore.Open(storePath);
        var survived = store.RunKeys();
        Assert.Superset(seen.ToHashSet(), survived.ToHashSet());
        Assert.True(survived.Count < total, $"the child finished all {total} runs before it was killed");

        var computed = new List<string>();
        var summary = SweepRunner.Run(spec, store, new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 2,
            RunStored = e => { lock (computed) computed.Add(e.Run.Key); },
        });
        Assert.Equal(total - survived.Count, summary.Computed);
        Assert.Empty(computed.Intersect(survived));

        using var reference = ResultStore.Open(Path.Combine(dir, "reference.db"));
        SweepRunner.Run(spec, reference, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        TestSweeps.AssertSameRuns(reference.Runs(), store.Runs());
        Assert.Equal(reference.Datasets().Select(d => d.Key), store.Datasets().Select(d => d.Key));
    }
}
