using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// Mini-batch SGD (b = n: GD) on beta = u ⊙ v from u0 = sqrt(2) alpha, v0 = 0, run exactly in the rotated form of
/// MATH.md. A run is a pure function of the problem and the options (including the batch seed).
/// </summary>
public static class Trainer
{
    // Stored factors are brought back to range this often; between two calls they cannot leave the double range
    // unless some |1 -+ gamma g| is below 2^-28 at every step.
    internal const int RenormalizeEvery = 32;

    /// <summary>Validates the inputs (throwing <see cref="InvalidInputException"/>) and trains.</summary>
    public static RunResult Train(RegressionProblem problem, TrainingOptions options)
    {
        problem.Validated();
        options.Validated(problem.N, problem.D);
        if (options.Model != Models.ModelSpec.Uv || options.U0 is not null || options.V0 is not null)
            throw new InvalidInputException("model", options.Model.ToString(), "this engine trains only uv from u0 = sqrt(2) alpha, v0 = 0 so far");
        return Train(new PaddedDesign(problem.X, problem.Y), problem, options);
    }

    /// <summary>Trains on an already padded copy of the problem's design, so sweeps pad X once for many runs.</summary>
    public static RunResult Train(PaddedDesign design, RegressionProblem problem, TrainingOptions options)
    {
        int n = design.N, d = design.D;
        var alpha = options.AlphaFor(d);
        var state = new NetworkState(alpha, design.Stride);
        var sampler = new BatchSampler(n, options.BatchSize, options.BatchMode, options.Seed);
        var gradient = CacheAligned.Doubles(design.Stride);
        bool fullBatch = sampler.IsFullBatch;
        int b = options.BatchSize;
        long checkInterval = fullBatch ? 1
            : options.LossCheckInterval > 0 ? options.LossCheckInterval
            : 16L * ((n + b - 1) / b);

        var monitor = new LossMonitor(design.Loss(state.Beta), options);
        var checkpoints = new CheckpointSchedule(options.CheckpointsPerDecade);
        var trajectory = new List<Checkpoint>();
        var metrics = new IterateMetrics(problem);
        long singularSteps = 0;
        double maxStepGradient = 0;
        long k = 0;
        long nextLossCheck = 0;
        double lossAtK = double.NaN;
        RunStatus status;
        // b = 1 draws one batch ahead, so each update also computes the next sample's <x, beta'> (same sequence). For
        // short rows the loop runs in one kernel call per stretch of steps, where the row maxima make max |t| one
        // product and a constant schedule's stepsize is read once.
        int current = -1;
        double dotCurrent = 0;
        double[]? rowMaxAbs = null;
        double constantGamma = 0;
        if (b == 1 && !fullBatch)
        {
            current = sampler.Next()[0];
            dotCurrent = Kernels.Dot(design.Row(current), state.Beta);
            if (design.Stride <= Kernels.ShortLength)
            {
                rowMaxAbs = Kernels.RowMaxAbs(design);
                constantGamma = options.Stepsize.ConstantGamma ?? 0;
            }
        }

        while (true)
        {
            bool atCheckpoint = k == checkpoints.NextStep;
            bool lossKnown = false;
            if (fullBatch)
            {
                lossAtK = Kernels.BatchGradientSum(design, sampler.Next(), state.Beta, gradient) / (2.0 * n);
                lossKnown = true;
            }
            else if (atCheckpoint || k == nextLossCheck)
            {
                lossAtK = design.Loss(state.Beta);
                lossKnown = true;
            }
            if (k == nextLossCheck) nextLossCheck += checkInterval;
            RunStatus? stop = lossKnown ? monitor.Observe(lossAtK) : null;
            if (stop is null && k >= options.MaxSteps)
            {
                if (!lossKnown) lossAtK = design.Loss(state.Beta);
                stop = RunStatus.BudgetExhausted;
            }
            if (atCheckpoint || stop is not null)
            {
                trajectory.Add(metrics.Checkpoint(k, lossAtK, state));
                if (atCheckpoint) checkpoints.Advance();
            }
            if (stop is RunStatus s)
            {
                status = s;
                break;
            }

            if (b == 1 && !fullBatch)
            {
                // Steps before the next loss check, checkpoint or budget end need none of the checks above: run
                // them in a tight loop (the same steps in the same order).
                long until = Math.Min(Math.Min(nextLossCheck, checkpoints.NextStep), options.MaxSteps);
                if (rowMaxAbs is not null)
                {
                    k = Kernels.SingleSampleSteps(design, state, sampler, options.Stepsize, constantGamma, rowMaxAbs, k, until,
                        ref current, ref dotCurrent, ref singularSteps, ref maxStepGradient);
                    continue;
                }
                do
                {
                    double g1 = options.Stepsize.At(k);
                    int following = sampler.Next()[0];
                    double r = dotCurrent - design.Y[current];
                    dotCurrent = Kernels.FusedSingleSampleStep(design.Row(current), g1 * r, design.Row(following), state, out double m1);
                    current = following;
                    if (m1 >= 1) singularSteps++;
                    if (m1 > maxStepGradient || double.IsNaN(m1)) maxStepGradient = m1;
                    k++;
                    if (k % RenormalizeEvery == 0) state.Renormalize();
                } while (k < until);
                continue;
            }

            double gamma = options.Stepsize.At(k);
            double maxAbs;
            if (fullBatch)
                maxAbs = Kernels.Update(gradient, gamma / n, state);
            else
            {
                Kernels.BatchGradientSum(design, sampler.Next(), state.Beta, gradient);
                maxAbs = Kernels.Update(gradient, gamma / b, state);
            }
            if (maxAbs >= 1) singularSteps++;
            if (maxAbs > maxStepGradient || double.IsNaN(maxAbs)) maxStepGradient = maxAbs;
            k++;
            if (k % RenormalizeEvery == 0) state.Renormalize();
        }
        return Finish(status, k, lossAtK, state, metrics, monitor, singularSteps, maxStepGradient, alpha, trajectory);
    }

    /// <summary>The run's result from its final state (renormalised first); shared with <see cref="LockstepTrainer"/>.</summary>
    internal static RunResult Finish(RunStatus status, long steps, double loss, NetworkState state, IterateMetrics metrics,
        LossMonitor monitor, long singularSteps, double maxStepGradient, double[] alpha, List<Checkpoint> trajectory)
    {
        state.Renormalize();
        var beta = state.BetaVector();
        return new RunResult
        {
            Status = status,
            Steps = steps,
            Beta = beta,
            TrainLoss = loss,
            TestLoss = metrics.TestLoss(beta),
            PopulationLoss = metrics.PopulationLoss(beta),
            DistanceToBetaStar = metrics.DistanceToBetaStar(beta),
            Implicit = state.EffectiveInitialization(),
            Bounced = monitor.Bounced,
            MaxLossRise = monitor.MaxRiseRatio,
            SingularSteps = singularSteps,
            MaxStepGradient = maxStepGradient,
            Alpha = alpha,
            Trajectory = trajectory,
        };
    }
}
