using System.Runtime.InteropServices;
using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// The one training loop of a single run: its <see cref="RunControl"/> decides when the loss is evaluated (every step
/// for GD, every <see cref="TrainingOptions.LossCheckInterval"/> steps otherwise, and at checkpoints), when a checkpoint
/// is recorded and when the run stops (<see cref="LossMonitor"/>, the step budget), the same decisions the lockstep
/// groups make per lane through it; the loop gives the backend the renormalisation cadence, checks cancellation before
/// every stretch of steps, and the backend's <see cref="IStepper"/> advances between those points (GD up to the next
/// checkpoint in one call, its loss observed at every step through <see cref="RunControl.ObserveStep"/>).
/// </summary>
internal static class TrainingLoop
{
    /// <summary>
    /// Stored factors are brought back to range this often; between two renormalisations they cannot leave the double
    /// range unless some |1 ∓ gamma g| is below 2^-28 at every step.
    /// </summary>
    internal const int RenormalizeEvery = 32;

    public static RunResult Run(IStepBackend backend, Model model, PaddedDesign design, RegressionProblem problem, TrainingOptions options,
        CancellationToken cancellation)
    {
        var sampler = new BatchSampler(design.N, options.BatchSize, options.BatchMode, options.Seed);
        // Cancellation is checked before every call, so a call is kept to a few thousand steps and a bounded amount of work.
        long stretch = RunControl.StepsPerStretch(options.BatchSize, design.Stride);

        var stepper = backend.Create(model, design, sampler, options.Stepsize, RenormalizeEvery, LabelNoise.For(options), options.Momentum);
        double lossAtK = stepper.Loss();
        var control = new RunControl(options, design.N, lossAtK);
        var metrics = new IterateMetrics(problem);
        var counters = new StepCounters();
        long k = 0;
        bool lossKnown = true; // the loss at step 0 was just evaluated (for GD with the first gradient)
        // A loss the stepper evaluated at the end of its last call (GD's next gradient sum gives it): used if needed.
        bool offered = false;
        double offeredLoss = double.NaN;
        RunStatus status;
        // The last checkpoint, at the stopping step: its test loss and distance are the result's where beta is the same bits.
        RecordedAtStop? atStop = null;
        // A stop the stepper already observed at step k (GD between checkpoints): the decision At would have made there.
        RunDecision? observed = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!lossKnown && control.NeedsLoss(k))
            {
                lossAtK = offered ? offeredLoss : stepper.Loss();
                lossKnown = true;
            }
            var decision = observed ?? control.At(k, lossAtK);
            observed = null;
            if (decision.Record)
            {
                var checkpoint = metrics.Checkpoint(k, lossAtK, stepper.Beta, stepper.GainL1());
                control.Add(k, options.RecordIterates ? metrics.WithIterate(checkpoint, stepper.Beta, stepper.ReadOut()) : checkpoint);
                if (decision.Stop is not null) atStop = new(checkpoint, stepper.Beta.ToArray());
            }
            if (decision.Stop is RunStatus s)
            {
                status = s;
                break;
            }
            if (control.FullBatch)
            {
                // GD's loss is checked at every step: up to the next checkpoint or budget end, the stepper gives it to
                // the control as it goes, and stops where the run stops.
                k = stepper.AdvanceObserved(k, Math.Min(control.QuietUntil, k + stretch), control, ref counters, out lossAtK, out var stop);
                if (stop is not null) observed = new RunDecision(true, stop);
                (lossKnown, offered) = (true, false);
                continue;
            }
            // Steps before the next loss check, checkpoint or budget end need none of the checks above.
            long until = control.Until(k, stretch);
            offered = stepper.Advance(k, until, ref counters, out offeredLoss);
            k = until;
            lossKnown = false;
        }
        var implicitBias = stepper.ReadOut();
        var beta = stepper.Beta.ToArray();
        return Result(status, k, lossAtK, beta, implicitBias, metrics, control.Monitor, counters, options.AlphaFor(design.D), control.Trajectory,
            atStop?.At(beta));
    }

    /// <summary>
    /// The checkpoint a run recorded at its stopping step and the beta it was taken at: the result takes its test loss
    /// and distance from it when the final beta is the same bits (<see cref="Result"/>), in this loop and in the
    /// lockstep trainers (<see cref="Trainer.RecordCheckpoint"/>).
    /// </summary>
    internal readonly record struct RecordedAtStop(Checkpoint Checkpoint, double[] Beta)
    {
        /// <summary>The checkpoint, if it was taken at exactly this beta.</summary>
        public Checkpoint? At(double[] beta) =>
            MemoryMarshal.Cast<double, long>(Beta).SequenceEqual(MemoryMarshal.Cast<double, long>(beta)) ? Checkpoint : null;
    }

    /// <summary>
    /// The run's result from its final beta and read-out; shared with the lockstep trainer through <see cref="Trainer.Finish"/>.
    /// <paramref name="atBeta"/>, a checkpoint taken at exactly this beta, gives the test loss and distance to beta* instead of evaluating them again.
    /// </summary>
    internal static RunResult Result(RunStatus status, long steps, double loss, double[] beta, Theory.EffectiveInitialization? implicitBias,
        IterateMetrics metrics, LossMonitor monitor, StepCounters counters, double[] alpha, List<Checkpoint> trajectory, Checkpoint? atBeta = null) =>
        new()
        {
            Status = status,
            Steps = steps,
            Beta = beta,
            TrainLoss = loss,
            // The test loss is n_test dot products, most of a short run's fixed cost: not evaluated twice on the same beta.
            TestLoss = atBeta is not null ? atBeta.TestLoss : metrics.TestLoss(beta),
            PopulationLoss = metrics.PopulationLoss(beta),
            DistanceToBetaStar = atBeta is not null ? atBeta.DistanceToBetaStar : metrics.DistanceToBetaStar(beta),
            Implicit = implicitBias,
            Bounced = monitor.Bounced,
            MaxLossRise = monitor.MaxRiseRatio,
            SingularSteps = counters.SingularSteps,
            MaxStepGradient = counters.MaxStepGradient,
            Alpha = alpha,
            Trajectory = trajectory,
        };
}
