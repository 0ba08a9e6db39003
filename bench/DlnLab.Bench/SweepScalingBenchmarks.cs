using BenchmarkDotNet.Attributes;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Bench;

/// <summary>
/// The project's sweep runner (what `dln sweep` and `dln reproduce` call) at 1 and 2 degrees of parallelism, with and
/// without lockstep: the stepsize sweep of `dln reproduce` on 8 datasets (thresholds, GD and SGD runs, theory checks)
/// into a fresh store each time. <see cref="Sweep"/> returns the run-steps stored.
/// </summary>
public class SweepScalingBenchmarks
{
    /// <summary>The sweep under test: (degree of parallelism, lockstep) -> run-steps done.</summary>
    public static Func<int, bool, long> Sweep { get; set; } = ReproduceStepsizeSweep;

    [Params(1, 2)]
    public int DegreeOfParallelism { get; set; }

    [Params(true, false)]
    public bool Lockstep { get; set; }

    [Benchmark]
    public long WholeSweep() => Sweep(DegreeOfParallelism, Lockstep);

    /// <summary>Datasets of the benchmarked sweep (the default reproduce has 20).</summary>
    public const int Datasets = 8;

    /// <summary>PaperSweeps.StepsizeSweep with <see cref="Datasets"/> datasets through SweepRunner into a temporary store.</summary>
    public static long ReproduceStepsizeSweep(int degreeOfParallelism, bool lockstep)
    {
        var spec = PaperSweeps.StepsizeSweep(new ReproductionSettings { Datasets = Datasets });
        string folder = Path.Combine(Path.GetTempPath(), "dlnlab-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var store = ResultStore.Open(Path.Combine(folder, "runs.db"));
            var options = TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = degreeOfParallelism, Lockstep = lockstep });
            SweepRunner.Run(spec, store, options);
            return store.Runs().Sum(r => r.Steps);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
