using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// The one training loop: it alone decides when the loss is evaluated (every step for GD, every
/// <see cref="TrainingOptions.LossCheckInterval"/> steps otherwise, and at checkpoints), when a checkpoint is recorded,
/// when the run stops (<see cref="LossMonitor"/>, the step budget), the renormalisation cadence it gives the backend,
/// and when cancellation is checked; the backend's <see cref="IStepper"/> advances between those points.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>
    /// Stored factors are brought back to range this often; between two renormalisations they cannot leave the double
    /// range unless some |1 ∓ gamma g| is below 2^-28 at every step.
    /// </summary>
    internal const int RenormalizeEvery = 32;

    /// <summary>The most steps one <see cref="IStepper.Advance"/> call may take, and about as many doubles it may touch.</summary>
    private const long StepsPerCall = 4096, WorkPerCall = 1L << 24;

    public static RunResult Run(IStepBackend backend, Model model, PaddedDesign design, RegressionProblem problem, TrainingOptions options,
        CancellationToken cancellation)
    {
        int n = design.N, b = options.BatchSize;
        var sampler = new BatchSampler(n, b, options.BatchMode, options.Seed);
        bool fullBatch = sampler.IsFullBatch;
        long checkInterval = fullBatch ? 1
            : options.LossCheckInterval > 0 ? options.LossCheckInterval
            : 16L * ((n + b - 1) / b);
        // Cancellation is checked before every call, so a call is kept to a few thousand steps and a bounded amount of work.
        long stepsPerCall = Math.Clamp(WorkPerCall / ((long)b * design.Stride), 1, StepsPerCall);

        var stepper = backend.Create(model, design, sampler, options.Stepsize, RenormalizeEvery, LabelNoise.For(options), options.Momentum);
        double lossAtK = stepper.Loss();
        var monitor = new LossMonitor(lossAtK, options);
        var checkpoints = CheckpointSchedule.For(options);
        var trajectory = new List<Checkpoint>();
        var metrics = new IterateMetrics(problem);
        var counters = new StepCounters();
        long k = 0;
        long nextLossCheck = 0;
        bool lossKnown = true; // the loss at step 0 was just evaluated (for GD with the first gradient)
        // A loss the stepper evaluated at the end of its last call (GD's next gradient sum gives it): used if needed.
        bool offered = false;
        double offeredLoss = double.NaN;
        RunStatus status;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            bool atCheckpoint = k == checkpoints.NextStep;
            if (!lossKnown && (fullBatch || atCheckpoint || k == nextLossCheck))
            {
                lossAtK = offered ? offeredLoss : stepper.Loss();
                lossKnown = true;
            }
            if (k == nextLossCheck) nextLossCheck += checkInterval;
            RunStatus? stop = lossKnown ? monitor.Observe(lossAtK, k) : null;
            if (stop is null && k >= options.MaxSteps)
            {
                if (!lossKnown) lossAtK = offered ? offeredLoss : stepper.Loss();
                stop = monitor.AtBudget();
            }
            if (atCheckpoint || stop is not null)
            {
                var checkpoint = metrics.Checkpoint(k, lossAtK, stepper.Beta, stepper.GainL1());
                trajectory.Add(options.RecordIterates ? metrics.WithIterate(checkpoint, stepper.Beta, stepper.ReadOut()) : checkpoint);
                if (atCheckpoint) checkpoints.Advance();
            }
            if (stop is RunStatus s)
            {
                status = s;
                break;
            }
            // Steps before the next loss check, checkpoint or budget end need none of the checks above.
            long until = Math.Min(Math.Min(nextLossCheck, checkpoints.NextStep), Math.Min(options.MaxSteps, k + stepsPerCall));
            offered = stepper.Advance(k, until, ref counters, out offeredLoss);
            k = until;
            lossKnown = false;
        }
        var implicitBias = stepper.ReadOut();
        var beta = stepper.Beta.ToArray();
        return Result(status, k, lossAtK, beta, implicitBias, metrics, monitor, counters, options.AlphaFor(design.D), trajectory);
    }

    /// <summary>The run's result from its final beta and read-out; shared with the lockstep trainer through <see cref="Trainer.Finish"/>.</summary>
    internal static RunResult Result(RunStatus status, long steps, double loss, double[] beta, Theory.EffectiveInitialization? implicitBias,
        IterateMetrics metrics, LossMonitor monitor, StepCounters counters, double[] alpha, List<Checkpoint> trajectory) =>
        new()
        {
            Status = status,
            Steps = steps,
            Beta = beta,
            TrainLoss = loss,
            TestLoss = metrics.TestLoss(beta),
            PopulationLoss = metrics.PopulationLoss(beta),
            DistanceToBetaStar = metrics.DistanceToBetaStar(beta),
            Implicit = implicitBias,
            Bounced = monitor.Bounced,
            MaxLossRise = monitor.MaxRiseRatio,
            SingularSteps = counters.SingularSteps,
            MaxStepGradient = counters.MaxStepGradient,
            Alpha = alpha,
            Trajectory = trajectory,
        };
}
