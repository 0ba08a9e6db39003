using BenchmarkDotNet.Attributes;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Bench;

/// <summary>
/// The project's sweep runner (what `dln sweep` and `dln reproduce` call) at 1 and 2 degrees of parallelism: the
/// stepsize sweep of `dln reproduce` on 16 datasets (thresholds, GD and SGD runs, theory checks) into a fresh store
/// each time. <see cref="WholeSweep"/> returns the run-steps stored. (Its GD runs all have different stepsizes, so it
/// forms no lockstep groups; see WorkItems.)
/// </summary>
public class SweepScalingBenchmarks
{
    [Params(1, 2)]
    public int DegreeOfParallelism { get; set; }

    [Benchmark]
    public long WholeSweep() => ReproduceStepsizeSweep(DegreeOfParallelism);

    /// <summary>Datasets of the benchmarked sweep (the default reproduce has 20).</summary>
    public const int Datasets = 16;

    /// <summary>PaperSweeps.StepsizeSweep with <see cref="Datasets"/> datasets through SweepRunner into a temporary store.</summary>
    public static long ReproduceStepsizeSweep(int degreeOfParallelism)
    {
        var spec = PaperSweeps.StepsizeSweep(new ReproductionSettings { Datasets = Datasets });
        string folder = Path.Combine(Path.GetTempPath(), "dlnlab-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var store = ResultStore.Open(Path.Combine(folder, "runs.db"));
            SweepRunner.Run(spec, store, TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = degreeOfParallelism }));
            return store.Runs().Sum(r => r.Steps);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
