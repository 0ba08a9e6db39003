using System.Diagnostics;
using System.Runtime.InteropServices;
using DlnLab.Analysis;
using DlnLab.Training;

namespace DlnLab.Native;

/// <summary>Training: one run (<see cref="Dln.Train"/>), many in parallel (<see cref="Dln.TrainMany(IReadOnlyList{ValueTuple{Problems.RegressionProblem, TrainingOptions}}, int, CancellationToken)"/>), reading a run out, freeing it.</summary>
internal static unsafe class TrainExports
{
    /// <summary>What to compute beside the training (the low bits of the theory argument).</summary>
    private enum Theory { None = 0, Theorem22Residual = 1, Full = 2 }

    /// <summary>The theory argument's flag that makes the checkpoints hold the iterates (<see cref="TrainingOptions.RecordIterates"/>).</summary>
    private const int RecordIterates = 4;

    /// <summary>
    /// dln_train(problem, options, theory, run): one run on the problem with the options given as <c>key=value</c>
    /// lines under <c>dln train</c>'s option names (model, alpha, u0, v0, batch-size, stepsize, batch-mode, seed,
    /// tolerance, max-steps, divergence-factor, bounce-factor, loss-check-interval, checkpoints-per-decade,
    /// checkpoint-every), validated as the CLI does; theory 0 trains only, 1 adds the Theorem 2.2 residual of a
    /// converged uv run (as a sweep stores it), 2 the whole theory check of <c>dln train</c> (<see cref="Dln.Check"/>);
    /// plus 4 (<see cref="RecordIterates"/>), the checkpoints also hold beta_k, the gain so far and the sharpness, as
    /// <c>dln train --trajectory FILE.npz</c> records them (no bit of the run changes). The new handle in *run. A run
    /// that diverges is a result (its status says so), not an error.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_train")]
    public static int Train(nint problem, byte* options, int theory, nint* run) => NativeErrors.Guard(() =>
    {
        if (run is null) throw new InvalidInputException("run", "got a null pointer for the new handle");
        var p = NativeHandles.Get<NativeProblem>(problem, "problem").Problem;
        var mode = TheoryMode(theory);
        var parsed = TrainingOptionsOf(NativeText.Read(options), p.N, p.D, theory);
        var clock = Stopwatch.StartNew();
        var result = Dln.Train(p, parsed);
        double wall = clock.Elapsed.TotalSeconds;
        var trained = new TrainedRun(result, parsed, wall);
        AddTheory(trained, p, mode);
        *run = NativeHandles.Create(trained);
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_train_many(problems, options, count, threads, theory, runs): count runs, run i on problems[i] with the
    /// option lines options[i] (as dln_train), trained in parallel on up to threads threads (0: one per core); runs[i]
    /// receives run i's handle, the same bits as dln_train gives it alone whatever the thread count. Every run is
    /// validated before any starts; on an error no handle is made.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_train_many")]
    public static int TrainMany(nint* problems, byte** options, int count, int threads, int theory, nint* runs) => NativeErrors.Guard(() =>
    {
        if (count < 0) throw new InvalidInputException("count", count, "must be an integer >= 0");
        if (count > 0 && (problems is null || options is null || runs is null)) throw new InvalidInputException("runs", "got a null array");
        var mode = TheoryMode(theory);
        var pairs = new (Problems.RegressionProblem Problem, TrainingOptions Options)[count];
        for (int i = 0; i < count; i++)
        {
            var p = NativeHandles.Get<NativeProblem>(problems[i], $"problems[{i}]").Problem;
            pairs[i] = (p, TrainingOptionsOf(NativeText.Read(options[i]), p.N, p.D, theory));
        }
        var trained = new TrainedRun[count];
        var clock = Stopwatch.StartNew();
        var results = Dln.TrainMany(pairs, threads);
        // The batch's wall time is shared out by steps, as a sweep shares a group's.
        double wall = clock.Elapsed.TotalSeconds, steps = Math.Max(1, results.Sum(r => (double)r.Steps));
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads }, i =>
        {
            trained[i] = new TrainedRun(results[i], pairs[i].Options, wall * results[i].Steps / steps);
            AddTheory(trained[i], pairs[i].Problem, mode);
        });
        for (int i = 0; i < count; i++) runs[i] = NativeHandles.Create(trained[i]);
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_run_header(run, header): the run's sizes and integers (10 int64: status, steps, singular_steps, bounced, d,
    /// trajectory checkpoints, present-scalar mask, present-vector mask, spec text length, theory level 0/1/2).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_run_header")]
    public static int Header(nint run, long* header) => NativeErrors.Guard(() =>
    {
        var r = NativeHandles.Get<TrainedRun>(run, "run");
        if (header is null) throw new InvalidInputException("header", "got a null array");
        r.Header(new Span<long>(header, TrainedRun.HeaderLength));
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_run_read(run, reals, vectors, steps, checkpoints, spec): copies the run into the caller's buffers, sized by
    /// dln_run_header: 13 scalars, 9 x d vectors, the trajectory's steps (int64) and 4 values per checkpoint, the spec
    /// text (UTF-8, not NUL-terminated). A null buffer is skipped.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_run_read")]
    public static int Read(nint run, double* reals, double* vectors, long* steps, double* checkpoints, byte* spec) => NativeErrors.Guard(() =>
    {
        var r = NativeHandles.Get<TrainedRun>(run, "run");
        int d = r.Result.Beta.Length, k = r.Result.Trajectory.Count;
        r.Read(reals is null ? default : new Span<double>(reals, TrainedRun.RealCount),
            vectors is null ? default : new Span<double>(vectors, TrainedRun.VectorCount * d),
            steps is null ? default : new Span<long>(steps, k),
            checkpoints is null ? default : new Span<double>(checkpoints, k * TrainedRun.CheckpointValues),
            spec is null ? default : new Span<byte>(spec, r.SpecLength));
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_run_iterates(run, beta, gain): the iterates at the trajectory's checkpoints of a run trained with the
    /// record-iterates flag (header[10] = 1): beta_k and the gain so far, checkpoints x d each (row-major; NaN rows where
    /// absent: every row without the flag, the gain of power:D). A null buffer is skipped.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_run_iterates")]
    public static int Iterates(nint run, double* beta, double* gain) => NativeErrors.Guard(() =>
    {
        var r = NativeHandles.Get<TrainedRun>(run, "run");
        int size = r.Result.Beta.Length * r.Result.Trajectory.Count;
        r.ReadIterates(beta is null ? default : new Span<double>(beta, size), gain is null ? default : new Span<double>(gain, size));
        return NativeErrors.Ok;
    });

    /// <summary>dln_run_free(run): frees a run handle (null is ignored).</summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_run_free")]
    public static void Free(nint run) => NativeHandles.Free(run);

    internal static TrainingOptions TrainingOptionsOf(string text, int n, int d, int theory = 0)
    {
        var values = SpecText.ParseLines(text);
        if (values.Keys.FirstOrDefault(k => !SpecText.TrainingKeys.Contains(k)) is string key)
            throw new InvalidInputException(key, "is a problem option, not a training option");
        var options = SpecText.Training(values, n, d);
        return (theory & RecordIterates) == 0 ? options : options with { RecordIterates = true };
    }

    private static Theory TheoryMode(int theory) =>
        Enum.IsDefined((Theory)(theory & ~RecordIterates)) ? (Theory)(theory & ~RecordIterates)
            : throw new InvalidInputException("theory", theory, "must be 0 (none), 1 (Theorem 2.2 residual) or 2 (the whole check), plus 4 to record the iterates");

    private static void AddTheory(TrainedRun run, Problems.RegressionProblem problem, Theory mode)
    {
        if (mode == Theory.Full) run.Theory = Dln.Check(problem, run.Result, run.Options);
        else if (mode == Theory.Theorem22Residual) run.Theory = new TheoryCheck { Theorem22Residual = Theorem22Check.ResidualIfConverged(problem, run.Result) };
        run.TheoryLevel = (int)mode;
    }
}
