using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DlnLab.Training;

/// <summary>
/// SGD runs with b = 1 on one design advanced together, up to <see cref="LockstepTrainer.GroupSize"/> at a time: each
/// keeps its own state and sample sequence and steps through the single-run path's operations in the same order, so its
/// result is bit-identical to <see cref="Trainer.Train(PaddedDesign, Problems.RegressionProblem, TrainingOptions, CancellationToken)"/>. The
/// runs take their steps in turn within one loop: a single run's step waits on its previous step (the residual needs the
/// updated beta), and the runs' chains are independent, so the processor overlaps them.
/// </summary>
internal static class SingleSampleLockstep
{
    /// <summary>Whether a run takes this path: b = 1 SGD (b &lt; n) with d padded to at most <see cref="Kernels.ShortLength"/>.</summary>
    public static bool Supports(int n, int d, int batchSize) => batchSize == 1 && n > 1 && PaddedDesign.PaddedLength(d) <= Kernels.ShortLength;

    /// <summary>
    /// Trains runs[indices[..]] into results[indices[..]], in groups; rows with a non-finite entry, or a processor
    /// without 512-bit vectors, take the single-run trainer instead (the same results).
    /// </summary>
    public static void Train(PaddedDesign design, Problems.RegressionProblem problem, IterateMetrics metrics, IReadOnlyList<TrainingOptions> runs,
        IReadOnlyList<int> indices, RunResult[] results, CancellationToken cancellation)
    {
        var rowMaxAbs = design.RowMaxAbs;
        // Two lanes' steps in flight need twice the registers of one; where an octet takes more than one register they
        // spill, and the runs go one by one (the same bits either way).
        if (Array.Exists(rowMaxAbs, double.IsInfinity) || !Vector512.IsHardwareAccelerated)
        {
            foreach (int i in indices) results[i] = Trainer.Train(design, problem, runs[i], cancellation);
            return;
        }
        foreach (var group in indices.Chunk(LockstepTrainer.GroupSize))
            TrainGroup(design, metrics, rowMaxAbs, group.Select(i => new Lane(i, runs[i], design)).ToArray(), results, cancellation);
    }

    /// <summary>
    /// Below this many runs a group leaves the runs-innermost block (<see cref="SingleSampleLanes"/>, which steps all eight
    /// lanes whatever the number of runs) for the runs' own states, two steps interleaved.
    /// </summary>
    internal const int FewestInBlock = 3;

    /// <summary>
    /// The single run's decisions (loss checks, checkpoints, budget), per lane through its <see cref="RunControl"/>, around
    /// the shared stretches of steps; cancellation is checked between stretches.
    /// </summary>
    private static void TrainGroup(PaddedDesign design, IterateMetrics metrics, double[] rowMaxAbs, Lane[] lanes, RunResult[] results,
        CancellationToken cancellation)
    {
        int active = lanes.Length;
        SingleSampleLanes? block = null;
        if (active >= FewestInBlock && SingleSampleLanes.IsSupported)
        {
            block = new SingleSampleLanes(design);
            for (int l = 0; l < active; l++) block.Load(l, lanes[l], design, rowMaxAbs);
        }
        // b = 1 and d padded to at most 64: the cap of a stretch between two checks of cancellation is a few thousand steps.
        long stretch = RunControl.StepsPerStretch(1, design.Stride);
        long k = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            long until = long.MaxValue;
            for (int l = 0; l < active; l++)
            {
                var lane = lanes[l];
                var control = lane.Control;
                if (control.NeedsLoss(k))
                {
                    // The block holds the lane's state: the run's copy is brought up to date where it is read.
                    block?.Store(l, lane);
                    lane.Loss = design.Loss(lane.State.Beta);
                }
                var decision = control.At(k, lane.Loss);
                var atStop = decision.Record
                    ? Trainer.RecordCheckpoint(metrics, control, k, lane.Loss, lane.State, stopping: decision.Stop is not null)
                    : null;
                if (decision.Stop is RunStatus status)
                {
                    results[lane.Index] = Trainer.Finish(status, k, lane.Loss, lane.State, metrics, control.Monitor, lane.SingularSteps,
                        lane.MaxStepGradient, lane.Alpha, control.Trajectory, atStop);
                    // The last lane takes this one's place (a lane's steps do not depend on its place).
                    int last = active - 1;
                    if (block is not null)
                    {
                        if (l != last) block.Move(last, l);
                        else block.Clear(l);
                    }
                    lanes[l--] = lanes[last];
                    active--;
                    continue;
                }
                until = Math.Min(until, control.Until(k, stretch));
            }
            if (active == 0) return;
            if (block is not null && active < FewestInBlock)
            {
                for (int l = 0; l < active; l++) block.Store(l, lanes[l]);
                block = null;
            }
            k = block is not null ? block.Steps(design, lanes, active, rowMaxAbs, k, until) : Steps<Octet512>(design, lanes, active, rowMaxAbs, k, until);
        }
    }

    /// <summary>
    /// Steps k, k + 1, ... up to <paramref name="until"/> of the first <paramref name="count"/> lanes, each step as
    /// <see cref="Kernels.SingleSampleSteps"/> takes it; returns the new step count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Steps<T>(PaddedDesign design, Lane[] lanes, int count, double[] rowMaxAbs, long k, long until) where T : struct, IOctet<T>
    {
        nuint stride = (nuint)design.Stride;
        ref double rX = ref design.XData;
        ref double rY = ref MemoryMarshal.GetArrayDataReference(design.Y);
        ref double rMax = ref MemoryMarshal.GetArrayDataReference(rowMaxAbs);
        do
        {
            // Two lanes at a time with their chunks interleaved, so that both dependency chains are in flight at once.
            int l = 0;
            for (; l + 2 <= count; l += 2) StepPair<T>(ref rX, ref rY, ref rMax, stride, lanes[l], lanes[l + 1], k);
            if (l < count) StepOne<T>(ref rX, ref rY, ref rMax, stride, lanes[l], k);
            k++;
            if (k % Trainer.RenormalizeEvery == 0)
                for (int r = 0; r < count; r++) lanes[r].State.Renormalize();
        } while (k < until);
        return k;
    }

    /// <summary>One step of two lanes, their chunks interleaved (a call of its own, so that everything in it is inlined).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepPair<T>(ref double rX, ref double rY, ref double rMax, nuint stride, Lane a, Lane b, long k) where T : struct, IOctet<T>
    {
        double scaleA = Scale(a, k, ref rY), scaleB = Scale(b, k, ref rY);
        int nextA = a.Sampler.NextSingle(), nextB = b.Sampler.NextSingle();
        ref double rxA = ref Unsafe.Add(ref rX, (nuint)a.Current * stride);
        ref double rxB = ref Unsafe.Add(ref rX, (nuint)b.Current * stride);
        ref double rnA = ref Unsafe.Add(ref rX, (nuint)nextA * stride);
        ref double rnB = ref Unsafe.Add(ref rX, (nuint)nextB * stride);
        NetworkState sa = a.State, sb = b.State;
        var ca = new Columns { WPlus = ref Start(sa.WPlus), WMinus = ref Start(sa.WMinus), Sum = ref Start(sa.SumStepGradient),
            PlusScale = ref Start(sa.PlusScaleSquared), MinusScale = ref Start(sa.MinusScaleSquared), Beta = ref Start(sa.Beta) };
        var cb = new Columns { WPlus = ref Start(sb.WPlus), WMinus = ref Start(sb.WMinus), Sum = ref Start(sb.SumStepGradient),
            PlusScale = ref Start(sb.PlusScaleSquared), MinusScale = ref Start(sb.MinusScaleSquared), Beta = ref Start(sb.Beta) };
        var vA = T.Create(scaleA);
        var vB = T.Create(scaleB);
        T dotA = T.Zero, dotB = T.Zero;
        for (nuint i = 0; i < stride; i += 8)
        {
            dotA = Kernels.SingleSampleChunk<T>(vA, ref rxA, ref rnA, ref ca.WPlus, ref ca.WMinus, ref ca.Sum, ref ca.PlusScale, ref ca.MinusScale, ref ca.Beta, i, dotA);
            dotB = Kernels.SingleSampleChunk<T>(vB, ref rxB, ref rnB, ref cb.WPlus, ref cb.WMinus, ref cb.Sum, ref cb.PlusScale, ref cb.MinusScale, ref cb.Beta, i, dotB);
        }
        a.Dot = T.SumLanes(dotA);
        b.Dot = T.SumLanes(dotB);
        Record(a, Kernels.SingleSampleMaxStep<T>(scaleA, Unsafe.Add(ref rMax, a.Current), ref rxA, stride), nextA);
        Record(b, Kernels.SingleSampleMaxStep<T>(scaleB, Unsafe.Add(ref rMax, b.Current), ref rxB, stride), nextB);
    }

    /// <summary>One step of one lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepOne<T>(ref double rX, ref double rY, ref double rMax, nuint stride, Lane lane, long k) where T : struct, IOctet<T>
    {
        double scale = Scale(lane, k, ref rY);
        int next = lane.Sampler.NextSingle();
        ref double rx = ref Unsafe.Add(ref rX, (nuint)lane.Current * stride);
        var s = lane.State;
        lane.Dot = Kernels.SingleSampleUpdate<T>(stride, scale, ref rx, ref Unsafe.Add(ref rX, (nuint)next * stride), ref Start(s.WPlus),
            ref Start(s.WMinus), ref Start(s.SumStepGradient), ref Start(s.PlusScaleSquared), ref Start(s.MinusScaleSquared), ref Start(s.Beta));
        Record(lane, Kernels.SingleSampleMaxStep<T>(scale, Unsafe.Add(ref rMax, lane.Current), ref rx, stride), next);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Start(double[] values) => ref MemoryMarshal.GetArrayDataReference(values);

    /// <summary>gamma_k (x_j, beta) - y_j) for the lane's current sample j: the step's scale of x_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Scale(Lane lane, long k, ref double rY) =>
        (lane.ConstantGamma > 0 ? lane.ConstantGamma : lane.Options.Stepsize.At(k)) * (lane.Dot - Unsafe.Add(ref rY, lane.Current));

    /// <summary>The single run's rules on a step's max |t| (a singular step at 1 or more; NaN sticks), and the next sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Record(Lane lane, double maxStep, int next)
    {
        if (maxStep >= 1) lane.SingularSteps++;
        if (maxStep > lane.MaxStepGradient || double.IsNaN(maxStep)) lane.MaxStepGradient = maxStep;
        lane.Current = next;
    }

    /// <summary>A state's arrays, taken once per step.</summary>
    private ref struct Columns
    {
        public ref double WPlus;
        public ref double WMinus;
        public ref double Sum;
        public ref double PlusScale;
        public ref double MinusScale;
        public ref double Beta;
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
            Control = new RunControl(options, design.N, design.Loss(State.Beta));
            ConstantGamma = options.Stepsize.ConstantGamma ?? 0;
            // One sample drawn ahead, as the single run draws it.
            Current = Sampler.Next()[0];
            Dot = Kernels.Dot(design.Row(Current), State.Beta);
        }

        public int Index { get; }
        public readonly TrainingOptions Options;
        public double[] Alpha { get; }
        public readonly NetworkState State;
        public readonly BatchSampler Sampler;
        /// <summary>The run's decisions: loss checks, checkpoints, stop rules, trajectory.</summary>
        public RunControl Control { get; }
        /// <summary>The stepsize of a constant schedule, else 0.</summary>
        public readonly double ConstantGamma;
        public double Loss = double.NaN;
        /// <summary>The sample of the next step and &lt;x, beta&gt; for it.</summary>
        public int Current;
        public double Dot;
        public long SingularSteps;
        public double MaxStepGradient;
    }
}
