using BenchmarkDotNet.Attributes;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// (n, d, b) = (20, 30, 20) GD at <see cref="Runs"/> stepsizes, <see cref="Steps"/> steps each: the runs one after the
/// other through the single-run Trainer, and all together through the LockstepTrainer (same results to rounding); and
/// the same for SGD with b = 1 at <see cref="Runs"/> stepsizes and seeds, <see cref="SgdSteps"/> steps each (lockstep
/// results bit-identical).
/// </summary>
public class LockstepBenchmarks
{
    public const long Steps = 20_000;
    public const long SgdSteps = 100_000;

    private PaddedDesign _design = null!;
    private RegressionProblem _problem = null!;
    private List<TrainingOptions> _runs = null!;
    private List<TrainingOptions> _sgdRuns = null!;

    [Params(8, 32)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 1, Seed = 2024 });
        _design = new PaddedDesign(_problem.X, _problem.Y);
        _runs = Enumerable.Range(0, Runs).Select(i => new TrainingOptions
        {
            BatchSize = 20, Stepsize = StepsizeSchedule.Constant(0.0005 * (i + 1)), Tolerance = 0, MaxSteps = Steps, CheckpointsPerDecade = 0,
        }).ToList();
        _sgdRuns = Enumerable.Range(0, Runs).Select(i => new TrainingOptions
        {
            BatchSize = 1, Stepsize = StepsizeSchedule.Constant(0.0005 * (i % 16 + 1)), Seed = (ulong)i, Tolerance = 0, MaxSteps = SgdSteps,
            CheckpointsPerDecade = 0,
        }).ToList();
        foreach (var r in LockstepTrainer.Train(_design, _problem, _runs))
            if (r.Steps != Steps) throw new InvalidOperationException($"a lockstep benchmark run stopped after {r.Steps} steps ({r.Status})");
        foreach (var r in LockstepTrainer.Train(_design, _problem, _sgdRuns))
            if (r.Steps != SgdSteps) throw new InvalidOperationException($"a lockstep SGD benchmark run stopped after {r.Steps} steps ({r.Status})");
    }

    [Benchmark(Baseline = true)]
    public long SingleRuns()
    {
        long steps = 0;
        foreach (var options in _runs) steps += Trainer.Train(_design, _problem, options).Steps;
        return steps;
    }

    [Benchmark]
    public long Lockstep() => LockstepTrainer.Train(_design, _problem, _runs).Sum(r => r.Steps);

    [Benchmark]
    public long SgdSingleRuns()
    {
        long steps = 0;
        foreach (var options in _sgdRuns) steps += Trainer.Train(_design, _problem, options).Steps;
        return steps;
    }

    [Benchmark]
    public long SgdLockstep() => LockstepTrainer.Train(_design, _problem, _sgdRuns).Sum(r => r.Steps);
}
