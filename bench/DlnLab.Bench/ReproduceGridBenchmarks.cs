using BenchmarkDotNet.Attributes;

namespace DlnLab.Bench;

/// <summary>The <see cref="ReproduceGrid"/> end to end: single runs on one core, and lockstep GD with all cores.</summary>
public class ReproduceGridBenchmarks
{
    [Benchmark(Baseline = true)]
    public long SingleRunsOneCore() => ReproduceGrid.Run(1, lockstep: false);

    [Benchmark]
    public long LockstepAllCores() => ReproduceGrid.Run(Environment.ProcessorCount, lockstep: true);
}
