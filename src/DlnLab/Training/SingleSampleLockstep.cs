using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// SGD runs with b = 1 on one design advanced together, up to <see cref="LockstepTrainer.GroupSize"/> at a time: each
/// keeps its own state and sample sequence and steps through the single-run path's operations in the same order, so its
/// result is bit-identical to <see cref="Trainer.Train(PaddedDesign, Problems.RegressionProblem, TrainingOptions)"/>. The
/// runs take their steps in turn within one loop: a single run's step waits on its previous step (the residual needs the
/// updated beta), and the runs' chains are independent, so the processor overlaps them.
/// </summary>
internal static class SingleSampleLockstep
{
    /// <summary>Whether a run takes this path: b = 1 SGD (b &lt; n) with d padded to at most <see cref="Kernels.ShortLength"/>.</summary>
    public static bool Supports(int n, int d, int batchSize) => batchSize == 1 && n > 1 && PaddedDesign.PaddedLength(d) <= Kernels.ShortLength;

    /// <summary>
    /// Trains runs[indices[..]] into results[indices[..]], in groups; rows with a non-finite entry go through the
    /// single-run trainer instead (its general b = 1 loop).
    /// </summary>
    public static void Train(PaddedDesign design, Problems.RegressionProblem problem, IterateMetrics metrics, IReadOnlyList<TrainingOptions> runs,
        IReadOnlyList<int> indices, RunResult[] results)
    {
        var rowMaxAbs = Kernels.RowMaxAbs(design);
        if (rowMaxAbs is null)
        {
            foreach (int i in indices) results[i] = Trainer.Train(design, problem, runs[i]);
            return;
        }
        foreach (var group in indices.Chunk(LockstepTrainer.GroupSize))
            TrainGroup(design, metrics, rowMaxAbs, group.Select(i => new Lane(i, runs[i], design)).ToArray(), results);
    }

    /// <summary>The single run's loop of checks (loss checks, checkpoints, budget), per lane, around the shared stretches of steps.</summary>
    private static void TrainGroup(PaddedDesign design, IterateMetrics metrics, double[] rowMaxAbs, Lane[] lanes, RunResult[] results)
    {
        int active = lanes.Length;
        long k = 0;
        while (true)
        {
            long until = long.MaxValue;
            for (int l = 0; l < active; l++)
            {
                var lane = lanes[l];
                var options = lane.Options;
                bool atCheckpoint = k == lane.Checkpoints.NextStep;
                bool lossKnown = false;
                if (atCheckpoint || k == lane.NextLossCheck)
                {
                    lane.Loss = design.Loss(lane.State.Beta);
                    lossKnown = true;
                }
                if (k == lane.NextLossCheck) lane.NextLossCheck += lane.CheckInterval;
                RunStatus? stop = lossKnown ? lane.Monitor.Observe(lane.Loss) : null;
                if (stop is null && k >= options.MaxSteps)
                {
                    if (!lossKnown) lane.Loss = design.Loss(lane.State.Beta);
                    stop = RunStatus.BudgetExhausted;
                }
                if (atCheckpoint || stop is not null)
                {
                    lane.Trajectory.Add(metrics.Checkpoint(k, lane.Loss, lane.State));
                    if (atCheckpoint) lane.Checkpoints.Advance();
                }
                if (stop is RunStatus status)
                {
                    results[lane.Index] = Trainer.Finish(status, k, lane.Loss, lane.State, metrics, lane.Monitor, lane.SingularSteps,
                        lane.MaxStepGradient, lane.Alpha, lane.Trajectory);
                    // The last lane takes this one's place (a lane's steps do not depend on its place).
                    lanes[l--] = lanes[--active];
                    continue;
                }
                until = Math.Min(until, Math.Min(Math.Min(lane.NextLossCheck, lane.Checkpoints.NextStep), options.MaxSteps));
            }
            if (active == 0) return;
            k = Steps(design, lanes, active, rowMaxAbs, k, until);
        }
    }

    private static long Steps(PaddedDesign design, Lane[] lanes, int count, double[] rowMaxAbs, long k, long until) =>
        Vector512.IsHardwareAccelerated ? Steps<Octet512>(design, lanes, count, rowMaxAbs, k, until)
        : Vector256.IsHardwareAccelerated ? Steps<Octet256>(design, lanes, count, rowMaxAbs, k, until)
        : Vector128.IsHardwareAccelerated ? Steps<Octet128>(design, lanes, count, rowMaxAbs, k, until) : Steps<OctetScalar>(design, lanes, count, rowMaxAbs, k, until);

    /// <summary>
    /// Steps k, k + 1, ... up to <paramref name="until"/> of the first <paramref name="count"/> lanes, each step as
    /// <see cref="Kernels.SingleSampleSteps"/> takes it; returns the new step count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Steps<T>(PaddedDesign design, Lane[] lanes, int count, double[] rowMaxAbs, long k, long until) where T : struct, IOctet<T>
    {
        nuint stride = (nuint)design.Stride;
        ref double rX = ref MemoryMarshal.GetArrayDataReference(design.X);
        ref double rY = ref MemoryMarshal.GetArrayDataReference(design.Y);
        ref double rMax = ref MemoryMarshal.GetArrayDataReference(rowMaxAbs);
        do
        {
            for (int l = 0; l < count; l++)
            {
                var lane = lanes[l];
                var state = lane.State;
                double gamma = lane.ConstantGamma > 0 ? lane.ConstantGamma : lane.Options.Stepsize.At(k);
                int cur = lane.Current;
                int next = lane.Sampler.NextSingle();
                double scale = gamma * (lane.Dot - Unsafe.Add(ref rY, cur));
                ref double rx = ref Unsafe.Add(ref rX, (nuint)cur * stride);
                lane.Dot = Kernels.SingleSampleUpdate<T>(stride, scale, ref rx, ref Unsafe.Add(ref rX, (nuint)next * stride),
                    ref MemoryMarshal.GetArrayDataReference(state.WPlus), ref MemoryMarshal.GetArrayDataReference(state.WMinus),
                    ref MemoryMarshal.GetArrayDataReference(state.SumStepGradient), ref MemoryMarshal.GetArrayDataReference(state.PlusScaleSquared),
                    ref MemoryMarshal.GetArrayDataReference(state.MinusScaleSquared), ref MemoryMarshal.GetArrayDataReference(state.Beta));
                double m1 = Kernels.SingleSampleMaxStep<T>(scale, Unsafe.Add(ref rMax, cur), ref rx, stride);
                lane.Current = next;
                if (m1 >= 1) lane.SingularSteps++;
                if (m1 > lane.MaxStepGradient || double.IsNaN(m1)) lane.MaxStepGradient = m1;
            }
            k++;
            if (k % Trainer.RenormalizeEvery == 0)
                for (int l = 0; l < count; l++) lanes[l].State.Renormalize();
        } while (k < until);
        return k;
    }

    /// <summary>One run of a group: what the single-run trainer keeps in locals for b = 1.</summary>
    internal sealed class Lane
    {
        public Lane(int index, TrainingOptions options, PaddedDesign design)
        {
            Index = index;
            Options = options;
            Alpha = options.AlphaFor(design.D);
            State = new NetworkState(Alpha, design.Stride);
            Sampler = new BatchSampler(design.N, 1, options.BatchMode, options.Seed);
            Monitor = new LossMonitor(design.Loss(State.Beta), options);
            Checkpoints = new CheckpointSchedule(options.CheckpointsPerDecade);
            CheckInterval = options.LossCheckInterval > 0 ? options.LossCheckInterval : 16L * design.N;
            ConstantGamma = options.Stepsize.ConstantGamma ?? 0;
            // One sample drawn ahead, as the single run draws it.
            Current = Sampler.Next()[0];
            Dot = Kernels.Dot(design.Row(Current), State.Beta);
        }

        public int Index { get; }
        public TrainingOptions Options { get; }
        public double[] Alpha { get; }
        public NetworkState State { get; }
        public BatchSampler Sampler { get; }
        public LossMonitor Monitor { get; }
        public CheckpointSchedule Checkpoints { get; }
        public List<Checkpoint> Trajectory { get; } = [];
        public long CheckInterval { get; }
        /// <summary>The stepsize of a constant schedule, else 0.</summary>
        public double ConstantGamma { get; }
        public long NextLossCheck;
        public double Loss = double.NaN;
        /// <summary>The sample of the next step and &lt;x, beta&gt; for it.</summary>
        public int Current;
        public double Dot;
        public long SingularSteps;
        public double MaxStepGradient;
    }
}
