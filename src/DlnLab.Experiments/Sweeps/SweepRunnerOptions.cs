using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>How <see cref="SweepRunner"/> runs a sweep; none of these changes a run's numbers.</summary>
public sealed record SweepRunnerOptions
{
    /// <summary>Runs trained at once (default: all cores). Results are bit-identical for every value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Trains the full-batch runs of one dataset at one stepsize (different alphas, tolerances, budgets) together through
    /// <see cref="LockstepTrainer"/> (default) rather than one by one. Lockstep sums in another order than the
    /// single-run trainer, so the two agree to rounding (same status and steps, numbers within 1e-12 relative; see
    /// LockstepTrainer) away from the edge of stability (runs that bounced, diverged or had a singular step amplify the
    /// last bits), not bit for bit; with either setting results are bit-identical across thread counts and resumes.
    /// </summary>
    public bool Lockstep { get; init; } = true;

    /// <summary>
    /// Residual of Theorem 2.2 for a finished run (for example the distance between the run's limit and the solution of
    /// the Bregman problem with its alpha_inf and beta0~); stored in the run's theorem22_residual column. Null: not computed.
    /// </summary>
    public Func<RegressionProblem, RunResult, double?>? Theorem22Residual { get; init; }

    /// <summary>
    /// The run against the theory's predictions (beta0~ dropped, the gain's shape), from its problem, result and options;
    /// stored in the distance_without_beta_tilde0 and gain_shape_cosine columns. Null: not computed.
    /// </summary>
    public Func<RegressionProblem, RunResult, TrainingOptions, Analysis.PredictionCheck>? Predictions { get; init; }

    /// <summary>
    /// Named reference values of a dataset at one alpha of the grid (for example the gradient-flow interpolator's test
    /// loss), computed once per (dataset, alpha) and stored in the dataset_references table. Null: none.
    /// </summary>
    public Func<RegressionProblem, double, IReadOnlyDictionary<string, double>>? DatasetReferences { get; init; }

    /// <summary>
    /// Computes only this shard of the plan (<see cref="SweepShards"/>), recorded in the store for `dln merge`; null
    /// (default): the whole sweep. A shard's runs are the same bits as in the whole sweep.
    /// </summary>
    public Shard? Shard { get; init; }

    /// <summary>Called on a worker thread after each run is committed to the store (tests count computations with it).</summary>
    public Action<StoredRunEvent>? RunStored { get; init; }
}

/// <summary>A run that has just been committed: its spec and what was stored.</summary>
public sealed record StoredRunEvent(RunSpec Spec, Storage.StoredRun Run);

/// <summary>What one invocation of <see cref="SweepRunner.Run"/> did.</summary>
/// <param name="Runs">Runs in the sweep (in its shard, for a sharded sweep).</param>
/// <param name="AlreadyStored">Runs skipped because the store already had them.</param>
/// <param name="Computed">Runs trained and stored now by this process.</param>
/// <param name="ThresholdsComputed">Bisections for the largest convergent stepsize run now (not read from the store).</param>
/// <param name="Elapsed">Wall time of the invocation.</param>
public sealed record SweepSummary(int Runs, int AlreadyStored, int Computed, int ThresholdsComputed, TimeSpan Elapsed)
{
    /// <summary>Runs that other processes working on the same store computed while this one ran.</summary>
    public int ComputedElsewhere { get; init; }

    /// <summary>The keys of the sweep's runs (of its shard, when one was computed), in the sweep's order.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];
}
