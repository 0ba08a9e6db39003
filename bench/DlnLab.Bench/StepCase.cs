using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// One benchmarked training configuration (n, d, b): a fixed Gaussian sparse-regression problem, a stepsize small
/// enough that the run uses its whole step budget, and the budget itself (sized so one run takes tens of milliseconds).
/// </summary>
public sealed record StepCase(int N, int D, int B, double Gamma, long Steps)
{
    /// <summary>The six cases of the performance issue.</summary>
    public static readonly StepCase[] All =
    [
        new(20, 30, 1, 0.01, 400_000),
        new(20, 30, 20, 0.01, 100_000),
        new(200, 1000, 1, 1e-5, 100_000),
        new(200, 1000, 200, 1e-4, 400),
        new(1000, 10000, 1, 1e-6, 20_000),
        new(1000, 10000, 1000, 1e-5, 20),
    ];

    public string Name => $"({N}, {D}, {B})";

    public bool IsFullBatch => B == N;

    /// <summary>Floating-point operations of one step: a dot and an axpy per batch row (4 b d), the update (~10 d).</summary>
    public double FlopsPerStep => 4.0 * B * D + 10.0 * D;

    /// <summary>Bytes of X one step must read at least: each batch row once.</summary>
    public double BytesPerStep => 8.0 * B * D;

    public RegressionProblem Problem() =>
        SparseRegression.Generate(new SparseRegressionSpec { N = N, D = D, S = Math.Min(3, D), NTest = 1, Seed = 2024 });

    /// <summary>Tolerance 0 and no trajectory: the run always takes exactly <see cref="Steps"/> steps.</summary>
    public TrainingOptions Options(double? gamma = null, ulong seed = 11) => new()
    {
        BatchSize = B, Stepsize = StepsizeSchedule.Constant(gamma ?? Gamma), Seed = seed, Tolerance = 0,
        MaxSteps = Steps, CheckpointsPerDecade = 0,
    };

    public override string ToString() => Name;
}
