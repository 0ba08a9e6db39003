using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// Mini-batch SGD (b = n: GD) of any model (<see cref="TrainingOptions.Model"/>, from its initialisation) on one
/// problem, through the one <see cref="TrainingLoop"/> on the backend <see cref="StepBackends.For"/> picks (or the one
/// given). A run is a pure function of the problem and the options (including the batch seed): the default uv model
/// from u0 = sqrt(2) alpha, v0 = 0 runs exactly in the rotated form of MATH.md on the vectorised kernels.
/// </summary>
public static class Trainer
{
    /// <summary>Stored factors are brought back to range this often (the training loop's cadence).</summary>
    internal const int RenormalizeEvery = TrainingLoop.RenormalizeEvery;

    /// <summary>
    /// Validates the inputs (throwing <see cref="InvalidInputException"/>) and trains. A cancelled token stops the run
    /// within a few thousand steps with <see cref="OperationCanceledException"/> (a cancelled run has no result).
    /// </summary>
    public static RunResult Train(RegressionProblem problem, TrainingOptions options, CancellationToken cancellation = default)
    {
        problem.Validated();
        options.Validated(problem.N, problem.D);
        return Train(new PaddedDesign(problem.X, problem.Y), problem, options, cancellation);
    }

    /// <summary>Trains on an already padded copy of the problem's design, so sweeps pad X once for many runs.</summary>
    public static RunResult Train(PaddedDesign design, RegressionProblem problem, TrainingOptions options, CancellationToken cancellation = default) =>
        Train(design, problem, options, StepBackends.For(Shape(design, options)), cancellation);

    /// <summary>Trains on the given backend, which must support the run's shape (<see cref="IStepBackend.Supports"/>).</summary>
    public static RunResult Train(PaddedDesign design, RegressionProblem problem, TrainingOptions options, IStepBackend backend,
        CancellationToken cancellation = default)
    {
        var shape = Shape(design, options);
        if (!backend.Supports(shape))
            throw new ArgumentException($"the {backend.Name} backend does not run {shape.Model} at n = {shape.N}, d = {shape.D}, b = {shape.BatchSize}", nameof(backend));
        var model = Model.Create(options.Model, options.AlphaFor(design.D), options.U0, options.V0);
        return TrainingLoop.Run(backend, model, design, problem, options, cancellation);
    }

    /// <summary>What a backend is chosen by for a run of <paramref name="options"/> on <paramref name="design"/>.</summary>
    internal static StepShape Shape(PaddedDesign design, TrainingOptions options) =>
        new(options.Model, design.N, design.D, options.BatchSize) { LabelNoise = options.LabelNoise > 0, Momentum = options.Momentum > 0 };

    /// <summary>The run's result from its final state (renormalised first), for the lockstep trainer's uv runs.</summary>
    internal static RunResult Finish(RunStatus status, long steps, double loss, NetworkState state, IterateMetrics metrics,
        LossMonitor monitor, long singularSteps, double maxStepGradient, double[] alpha, List<Checkpoint> trajectory,
        TrainingLoop.RecordedAtStop? atStop = null)
    {
        state.Renormalize();
        var counters = new StepCounters { SingularSteps = singularSteps, MaxStepGradient = maxStepGradient };
        var beta = state.BetaVector();
        return TrainingLoop.Result(status, steps, loss, beta, state.EffectiveInitialization(), metrics, monitor, counters, alpha, trajectory,
            atStop?.At(beta));
    }

    /// <summary>
    /// Records a lockstep lane's checkpoint at step <paramref name="k"/> (its state brought up to date); at the
    /// stopping step also returns the checkpoint with the beta it was taken at, copied first (a checkpoint that records
    /// the iterate renormalises the state), for <see cref="Finish"/>.
    /// </summary>
    internal static TrainingLoop.RecordedAtStop? RecordCheckpoint(IterateMetrics metrics, RunControl control, long k, double loss,
        NetworkState state, bool stopping)
    {
        var before = stopping ? state.BetaVector() : null;
        var checkpoint = metrics.Checkpoint(k, loss, state, control.RecordIterates);
        control.Add(k, checkpoint);
        return before is null ? null : new TrainingLoop.RecordedAtStop(checkpoint, before);
    }
}
