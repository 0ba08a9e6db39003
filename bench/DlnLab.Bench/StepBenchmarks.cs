using BenchmarkDotNet.Attributes;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// Trainer.Train on each (n, d, b) case with a fixed step budget and tolerance 0: steps per second of the single-run
/// path (one invocation = <see cref="StepCase.Steps"/> steps; the padded design is built once, outside the timing).
/// </summary>
public class StepBenchmarks
{
    private PaddedDesign _design = null!;
    private RegressionProblem _problem = null!;
    private TrainingOptions _options = null!;

    [ParamsSource(nameof(Cases))]
    public StepCase Case { get; set; } = StepCase.All[0];

    public static IEnumerable<StepCase> Cases => StepCase.All;

    [GlobalSetup]
    public void Setup()
    {
        _problem = Case.Problem();
        _design = new PaddedDesign(_problem.X, _problem.Y);
        _options = Case.Options();
        var run = Trainer.Train(_design, _problem, _options);
        if (run.Steps != Case.Steps || run.Status != RunStatus.BudgetExhausted)
            throw new InvalidOperationException($"{Case}: the run stopped after {run.Steps} steps ({run.Status}); lower the stepsize");
    }

    [Benchmark]
    public long Train() => Trainer.Train(_design, _problem, _options).Steps;
}
