using BenchmarkDotNet.Attributes;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// A whole sweep at 1 and 2 degrees of parallelism. <see cref="Sweep"/> runs a sweep with the given degree of
/// parallelism and returns the number of run-steps it took; it defaults to <see cref="StandInSweep"/> (independent
/// Trainer runs over a stepsize grid, spread with Parallel.For) until the project's sweep runner is plugged in.
/// </summary>
public class SweepScalingBenchmarks
{
    /// <summary>The sweep under test: degree of parallelism -> run-steps done.</summary>
    public static Func<int, long> Sweep { get; set; } = StandInSweep;

    [Params(1, 2)]
    public int DegreeOfParallelism { get; set; }

    [Benchmark]
    public long WholeSweep() => Sweep(DegreeOfParallelism);

    private static readonly Lazy<(RegressionProblem Problem, PaddedDesign Design)> Data = new(() =>
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 100, Seed = 2024 });
        return (p, new PaddedDesign(p.X, p.Y));
    });

    /// <summary>Run-steps of <see cref="StandInSweep"/>.</summary>
    public const long StandInRunSteps = 32 * 20_000;

    /// <summary>32 runs: SGD (b = 1) and GD at 16 stepsizes each, 20000 steps, on (n, d) = (20, 30).</summary>
    public static long StandInSweep(int degreeOfParallelism)
    {
        var (problem, design) = Data.Value;
        long total = 0;
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, i =>
        {
            var options = new TrainingOptions
            {
                BatchSize = i % 2 == 0 ? 1 : 20,
                Stepsize = StepsizeSchedule.Constant(0.001 * (1 + i / 2)),
                Tolerance = 0, MaxSteps = 20_000, CheckpointsPerDecade = 0, Seed = (ulong)i,
            };
            Interlocked.Add(ref total, Trainer.Train(design, problem, options).Steps);
        });
        return total;
    }
}
