using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// Advances many GD runs on one problem together (the stepsizes, initialisations or stop rules of a sweep), eight at a
/// time: one pass over X per step serves the eight, and the state is laid out runs-innermost so each operation is
/// vectorised across them. SGD runs with b = 1 go through <see cref="SingleSampleLockstep"/> instead (eight in turn in
/// one loop, each result bit-identical to its single run); what follows is about the GD runs. Each run stops by its own
/// rules at its own step: every lane's run makes its decisions (loss checks, checkpoints, stop rules) through its own
/// <see cref="RunControl"/>, the single-run <see cref="TrainingLoop"/>'s, and the group checks cancellation between
/// stretches of steps as that loop does. A run's result is bit for bit the same in any group (alone,
/// with any other runs, in any position), and agrees with
/// <see cref="Trainer.Train(PaddedDesign, RegressionProblem, TrainingOptions, CancellationToken)"/> on the same options to rounding (same
/// status and steps; beta and gains within 1e-12 of their largest entry, a training loss L within 1e-12 (L + sqrt(L L0))
/// with L0 the loss at beta = 0, since near interpolation L is the square of residuals rounded relative to the data;
/// tested): the sums run in other orders (<see cref="LockstepKernels"/>).
/// A loss within rounding of the tolerance could stop the two a step apart, and at the edge of stability (a run that
/// bounces, or takes a step with |gamma g| >= 1) the dynamics amplify last-bit differences, as any change of summation
/// order would: there the two paths are different roundings of a chaotic trajectory, not the same numbers.
/// </summary>
public static class LockstepTrainer
{
    /// <summary>
    /// Whether a run joins a lockstep group where that pays: plain full-batch GD (no label noise, no momentum) with d
    /// padded to at most 64. Sweeps plan
    /// their groups by this rule. <see cref="Train(PaddedDesign, RegressionProblem, IReadOnlyList{TrainingOptions}, CancellationToken)"/>
    /// also takes b = 1 SGD runs (<see cref="SingleSampleLockstep"/>, bit-identical to their single runs), which this
    /// rule leaves out: on the shared 2-core machine they ran at 1.07-1.21x the single-run path on 2026-12-03 (0.8-1.1x before the block picked each entry once; docs/PERFORMANCE.md), short of what pays for grouping.
    /// </summary>
    public static bool Supports(PaddedDesign design, TrainingOptions options) =>
        options.IsPlainSgd && TrainsStart(options.Model, options.U0 is null && options.V0 is null) && Supports(design.N, design.D, options.BatchSize);

    /// <summary>
    /// Whether lockstep trains this model from this start: uv from the report's start (u0 = sqrt(2) alpha, v0 = 0,
    /// <paramref name="reportStart"/>) only.
    /// </summary>
    public static bool TrainsStart(Models.ModelSpec model, bool reportStart) => model == Models.ModelSpec.Uv && reportStart;

    /// <summary>The same rule from the sizes alone, for planning before the design exists.</summary>
    public static bool Supports(int n, int d, int batchSize) =>
        batchSize == n && PaddedDesign.PaddedLength(d) <= Kernels.ShortLength;

    /// <summary>
    /// Validates the inputs (throwing <see cref="InvalidInputException"/>) and trains every run. A cancelled token stops
    /// the training between two stretches of steps (a few thousand steps, or about 2^24 doubles touched per run) with
    /// <see cref="OperationCanceledException"/>; a cancelled call has no results.
    /// </summary>
    public static RunResult[] Train(RegressionProblem problem, IReadOnlyList<TrainingOptions> runs, CancellationToken cancellation = default)
    {
        problem.Validated();
        foreach (var options in runs) options.Validated(problem.N, problem.D);
        return Train(new PaddedDesign(problem.X, problem.Y), problem, runs, cancellation);
    }

    /// <summary>
    /// Trains every run on the padded design; results in the order of <paramref name="runs"/>. Each must satisfy
    /// <see cref="Supports(PaddedDesign, TrainingOptions)"/> or be a b = 1 run with d padded to at most 64. Cancellation
    /// as in <see cref="Train(RegressionProblem, IReadOnlyList{TrainingOptions}, CancellationToken)"/>.
    /// </summary>
    public static RunResult[] Train(PaddedDesign design, RegressionProblem problem, IReadOnlyList<TrainingOptions> runs,
        CancellationToken cancellation = default)
    {
        var results = new RunResult[runs.Count];
        if (runs.Count == 0) return results;
        foreach (var options in runs)
        {
            // The lockstep kernels step plain (S)GD on the data's labels: a run with label noise or momentum trains alone.
            if (!options.IsPlainSgd)
                throw new ArgumentException($"lockstep trains plain (S)GD only; got label noise {options.LabelNoise}, momentum {options.Momentum}", nameof(runs));
            if (!TrainsStart(options.Model, options.U0 is null && options.V0 is null))
                throw new ArgumentException($"lockstep trains uv from the report's start only; got {options.Model} with u0 {(options.U0 is null ? "default" : "given")}, v0 {(options.V0 is null ? "default" : "given")}", nameof(runs));
            if (!Supports(design, options) && !SingleSampleLockstep.Supports(design.N, design.D, options.BatchSize))
                throw new ArgumentException($"lockstep runs must be full-batch or b = 1 with d <= {Kernels.ShortLength}; got b = {options.BatchSize}, n = {design.N}, d = {design.D}", nameof(runs));
        }
        var metrics = new IterateMetrics(problem);
        var fullBatch = Enumerable.Range(0, runs.Count).Where(i => runs[i].BatchSize == design.N).ToArray();
        SingleSampleLockstep.Train(design, problem, metrics, runs, Enumerable.Range(0, runs.Count).Where(i => runs[i].BatchSize != design.N).ToArray(), results,
            cancellation);
        // A run's result does not depend on its group, so the runs go through in groups of GroupSize.
        // Every run starts at beta = 0 (w+ = w- = alpha), so at the same loss.
        double initialLoss = design.Loss(new double[design.Stride]);
        foreach (var group in fullBatch.Chunk(GroupSize))
            TrainGroup(design, metrics, initialLoss, runs, group, results, cancellation);
        return results;
    }

    /// <summary>
    /// Runs per lockstep group: the lanes of one state (one vector). Groups of two vectors, one after the other, ran no
    /// faster: 32 runs at (20, 30), 18.9M run-steps/s either way (best of 20, measured 2026-11-27 before the update was
    /// pipelined).
    /// </summary>
    public const int GroupSize = LockstepState.Lanes;

    /// <summary>
    /// Steps the group's runs one step at a time; at each step a lane that is not quiet (<see cref="QuietLanes"/>) makes
    /// its run's decisions through its <see cref="RunControl"/>, as the single-run loop does.
    /// </summary>
    private static void TrainGroup(PaddedDesign design, IterateMetrics metrics, double initialLoss, IReadOnlyList<TrainingOptions> runs, int[] group,
        RunResult[] results, CancellationToken cancellation)
    {
        int n = design.N;
        var slots = group.Select(index => new Slot(index, runs[index], design, initialLoss)).ToList();
        var state = new LockstepState(slots.Select(s => s.State).ToList(), design);
        var quiet = new QuietLanes();
        for (int lane = 0; lane < slots.Count; lane++) quiet.Set(lane, slots[lane].Control.Monitor);
        int active = slots.Count;
        var stopped = new List<int>();
        long stretch = RunControl.StepsPerStretch(n, design.Stride);
        long k = 0;
        while (active > 0)
        {
            // Between stretches of steps, as the single-run loop checks before each call.
            if (k % stretch == 0) cancellation.ThrowIfCancellationRequested();
            state.Residuals(design);
            stopped.Clear();
            uint quietMask = quiet.Quiet(k, state.Loss);
            uint all = (1u << active) - 1;
            // The common step: every active lane quiet, nothing to do per lane.
            if ((quietMask & all) != all)
                for (int lane = 0; lane < active; lane++)
                {
                    if ((quietMask >> lane & 1) != 0) continue;
                    var slot = slots[lane];
                    var control = slot.Control;
                    double loss = state.Loss[lane];
                    // The quiet steps' losses, caught up with before this one (QuietLanes).
                    quiet.CatchUp(lane, control.Monitor, loss, k);
                    var decision = control.At(k, loss);
                    TrainingLoop.RecordedAtStop? atStop = null;
                    if (decision.Record)
                    {
                        state.Store(lane, slot.State);
                        atStop = Trainer.RecordCheckpoint(metrics, control, k, loss, slot.State, stopping: decision.Stop is not null);
                    }
                    if (decision.Stop is RunStatus status)
                    {
                        results[slot.Index] = Trainer.Finish(status, k, loss, slot.State, metrics, control.Monitor,
                            (long)state.SingularSteps[lane], state.MaxStepGradient[lane], slot.Alpha, control.Trajectory, atStop);
                        state.Scale[lane] = 0;
                        stopped.Add(lane);
                    }
                    else
                    {
                        state.Scale[lane] = slot.Options.Stepsize.At(k) / n;
                        quiet.QuietUntil(lane, slot.ConstantStepsize ? control.QuietUntil : 0);
                    }
                }
            state.Update(design);
            k++;
            if (k % Trainer.RenormalizeEvery == 0) state.Renormalize();
            // Stopped lanes are filled from the end, highest first, so no lane is moved twice.
            for (int m = stopped.Count - 1; m >= 0; m--)
            {
                int lane = stopped[m], last = active - 1;
                if (lane != last)
                {
                    state.Move(last, lane);
                    quiet.Move(last, lane);
                    slots[lane] = slots[last];
                }
                slots.RemoveAt(last);
                active--;
            }
        }
    }

    /// <summary>A lane's run: its <see cref="RunControl"/> (as the single-run loop's) and the lane's copy of its state.</summary>
    private sealed class Slot
    {
        public Slot(int index, TrainingOptions options, PaddedDesign design, double initialLoss)
        {
            Index = index;
            Options = options;
            Alpha = options.AlphaFor(design.D);
            // The lane's copy for checkpoints and the result: no kernel steps it, so plain arrays do.
            State = new NetworkState(Alpha, design.Stride, length => new double[length]);
            Control = new RunControl(options, design.N, initialLoss);
            ConstantStepsize = options.Stepsize.ConstantGamma is not null;
        }

        public int Index { get; }
        public TrainingOptions Options { get; }
        public double[] Alpha { get; }
        public NetworkState State { get; }
        /// <summary>A constant schedule: the step scale stays in its lane from one step to the next.</summary>
        public bool ConstantStepsize { get; }
        /// <summary>The run's decisions: loss checks, checkpoints, stop rules, trajectory.</summary>
        public RunControl Control { get; }
    }
}
