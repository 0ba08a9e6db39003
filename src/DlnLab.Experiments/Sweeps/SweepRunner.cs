using System.Collections.Concurrent;
using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Runs every run of a sweep that is not yet in the store, in parallel, committing each one within a few milliseconds
/// of its end, together with the runs that end about the same time, in one transaction (<see cref="GroupCommits{T}"/>):
/// killing the process loses at most the runs in flight and those of the last few milliseconds (a cancellation commits
/// those first), and running again computes exactly the missing ones.
/// Each dataset is generated (and its design padded) once and shared by its runs; its full-batch runs at one stepsize
/// (at any stepsize with a tolerance of 0) are trained together through <see cref="LockstepTrainer"/> (see <see cref="WorkItems"/>). A run's stored numbers
/// depend only on the sweep's spec: neither on the thread count, nor on what was stored before a resume, nor on which
/// process computed it. Processes sharing a store claim runs before computing them (<see cref="WorkClaims"/>), so none
/// is computed twice; each counts what it computed. A store deleted, moved or replaced under the sweep fails it
/// (<see cref="ResultStore.CheckInPlace"/>) rather than reporting runs that are not on disk. With
/// <see cref="SweepRunnerOptions.Shard"/> it computes one shard of the plan (<see cref="SweepShards"/>), on the same
/// path as the whole sweep, so the same bits; `dln merge` (<see cref="StoreMerge"/>) combines the shards' stores.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs the sweep. Throws <see cref="InvalidInputException"/> for a bad spec before anything is written, and
    /// <see cref="OperationCanceledException"/> when cancelled (runs already finished are stored), and
    /// <see cref="StoreFaultException"/> when the store fails (a lock held too long, the file gone).
    /// </summary>
    public static SweepSummary Run(SweepSpec spec, ResultStore store, SweepRunnerOptions? options = null,
        IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new SweepRunnerOptions();
        Check.Positive("threads", options.MaxDegreeOfParallelism);
        var clock = Stopwatch.StartNew();
        var runs = spec.Expand();
        var keys = RunSpec.KeysOf(runs, options.MaxDegreeOfParallelism);
        // A shard's runs (see SweepShards); the plan below is still made on the whole sweep, so they train as unsharded.
        var own = options.Shard is { } shard ? SweepShards.RunsOf(runs, shard) : Enumerable.Range(0, runs.Count).ToArray();
        string specJson = SweepSpecJson.Serialize(spec);
        string specHash = RunSpec.Hash(specJson);
        store.AddSweep(spec.Name, specJson, specHash);
        if (options.Shard is { } part) store.AddShard(specHash, part);

        var stored = store.RunKeys(spec.Name);
        var todo = own.Where(i => !stored.Contains(keys[i])).ToArray();
        int alreadyStored = own.Length - todo.Length;
        var plan = WorkItems.Plan(runs, todo, options);
        var tracker = new SweepProgressTracker(spec.Name, todo.Length, alreadyStored, plan.Count(w => w.Threshold), clock, progress);
        var context = new SweepContext(spec, store, options, todo.Select(i => runs[i]), tracker, cancellation);
        tracker.Start();

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation };
        // NoBuffering hands out work items one at a time in sweep order, so the runs of one dataset are in flight
        // together and few datasets are alive at once; each is claimed in the store as it is handed out.
        var items = WorkClaims.Claimed(store, plan, runs, keys, cancellation);
        var source = Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering);
        var loop = Task.Factory.StartNew(() => Parallel.ForEach(source, parallel, item =>
        {
            foreach (var (i, record) in context.Execute(item, runs, keys))
            {
                context.Commit(runs[i], record);
                context.Release(runs[i]);
            }
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            try
            {
                loop.Wait(cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Stop at once: no new run starts (the token stops the loop), training runs stop within a few thousand
                // steps, and whatever is still in flight (a bisection, a lockstep group) is abandoned: from here on none
                // of it touches the store, so the caller may close it while it finishes in the background.
                context.Close();
                throw;
            }
            catch (AggregateException) { }
            loop.GetAwaiter().GetResult();
            context.Commit();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The runs finished before the failure and still queued are kept where the store still takes them; the
            // failure, not a second one on the way, is what the caller hears of.
            try { context.Close(); }
            catch (Exception) { }
            // A worker's failure (a lost store, a lock held too long) is the failure, not a wrapper around it.
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        finally
        {
            context.StopTimer();
            if (!store.ReadOnly) Quietly(store.ReleaseLeases);
        }
        store.CheckInPlace();
        var present = store.RunKeys(spec.Name);
        int missing = own.Count(i => !present.Contains(keys[i]));
        if (missing > 0)
            throw new StoreFaultException(store.Path, $"lacks {missing} runs of sweep '{spec.Name}' that were stored during this sweep; it was replaced or modified meanwhile");
        int completed = tracker.Completed;
        int byOthers = own.Length - alreadyStored - completed;
        return new SweepSummary(own.Length, alreadyStored, completed, context.ThresholdsComputed, clock.Elapsed)
        {
            ComputedElsewhere = byOthers,
            Keys = [.. own.Select(i => keys[i])],
        };
    }

    private static void Quietly(Action release)
    {
        try { release(); }
        catch (Exception e) when (e is StoreFaultException or InvalidInputException) { } // leases expire by themselves
    }

    /// <summary>Shared state of one invocation: datasets and thresholds computed once, on first use, by whichever worker needs them.</summary>
    private sealed class SweepContext(SweepSpec spec, ResultStore store, SweepRunnerOptions options, IEnumerable<RunSpec> todo,
        SweepProgressTracker tracker, CancellationToken cancellation)
    {
        private readonly ConcurrentDictionary<string, Lazy<Dataset>> _datasets = new();
        private readonly ConcurrentDictionary<string, Lazy<ThresholdResult>> _thresholds = new();
        private readonly ConcurrentDictionary<string, int> _pending = CountByDataset(todo);
        private int _thresholdsComputed;
        private readonly Lock _storeGate = new();
        private bool _closed;

        public int ThresholdsComputed => _thresholdsComputed;

        private sealed record Dataset(RegressionProblem Problem, PaddedDesign Design);

        private static ConcurrentDictionary<string, int> CountByDataset(IEnumerable<RunSpec> runs) =>
            new(runs.GroupBy(r => r.DatasetKey).ToDictionary(g => g.Key, g => g.Count()));

        /// <summary>
        /// Trains the runs of one work item (indices into <paramref name="runs"/>) and returns their records in the
        /// item's order: one lockstep call for the runs of a lockstep item, Trainer for any other run; a run whose
        /// threshold was not found is stored untrained.
        /// </summary>
        public IEnumerable<(int Index, StoredRun Record)> Execute(WorkItem work, IReadOnlyList<RunSpec> runs, string[] keys)
        {
            var item = work.Runs;
            var data = _datasets.GetOrAdd(runs[item[0]].DatasetKey, _ => new Lazy<Dataset>(() => Generate(runs[item[0]]))).Value;
            if (work.Threshold)
            {
                Stepsize(runs[item[0]], data);
                yield break;
            }
            var records = new StoredRun?[item.Length];
            var gammas = new double[item.Length];
            var thresholds = new double?[item.Length];
            var lockstep = new List<int>();
            for (int j = 0; j < item.Length; j++)
            {
                var run = runs[item[j]];
                (gammas[j], thresholds[j]) = Stepsize(run, data);
                if (double.IsNaN(gammas[j])) records[j] = StoredRun.From(new RunSource(run, keys[item[j]], double.NaN, thresholds[j], null, null, 0));
                // A lockstep run goes through it even when it is the last of its group left after a resume: its result
                // does not depend on its group, so the stored bits do not depend on the grouping. The plan put only runs
                // LockstepTrainer.Supports in a lockstep item.
                else if (work.Lockstep) lockstep.Add(j);
            }
            if (lockstep.Count > 0)
            {
                var clock = Stopwatch.StartNew();
                var results = LockstepTrainer.Train(data.Design, data.Problem, lockstep.Select(j => runs[item[j]].Options(gammas[j])).ToArray(), cancellation);
                double wall = clock.Elapsed.TotalSeconds;
                // The group's wall time is shared out by steps: each lane costs about the same per step.
                double steps = Math.Max(1, results.Sum(r => (double)r.Steps));
                for (int r = 0; r < results.Length; r++)
                {
                    int j = lockstep[r];
                    records[j] = Record(runs[item[j]], keys[item[j]], gammas[j], thresholds[j], data, results[r], wall * results[r].Steps / steps);
                }
            }
            for (int j = 0; j < item.Length; j++)
            {
                if (records[j] is null)
                {
                    var run = runs[item[j]];
                    var clock = Stopwatch.StartNew();
                    var result = Trainer.Train(data.Design, data.Problem, run.Options(gammas[j]), cancellation);
                    records[j] = Record(run, keys[item[j]], gammas[j], thresholds[j], data, result, clock.Elapsed.TotalSeconds);
                }
                yield return (item[j], records[j]!);
            }
        }

        private StoredRun Record(RunSpec run, string key, double gamma, double? threshold, Dataset data, RunResult result, double wall)
        {
            var trained = run.Options(gamma);
            // Theorem 2.2 is about (S)GD on the data's labels: no residual for label noise or momentum.
            double? residual = trained.IsPlainSgd ? options.Theorem22Residual?.Invoke(data.Problem, result) : null;
            return StoredRun.From(new RunSource(run, key, gamma, threshold, result, residual, wall)
            {
                Predictions = options.Predictions?.Invoke(data.Problem, result, trained),
            });
        }

        /// <summary>The run's stepsize (NaN when relative to a threshold that was not found) and that threshold.</summary>
        private (double Gamma, double? Threshold) Stepsize(RunSpec run, Dataset data)
        {
            if (run.StepsizeFraction is not double fraction) return (run.Stepsize!.Value, null);
            var t = _thresholds.GetOrAdd(run.ThresholdKey, _ => new Lazy<ThresholdResult>(() =>
            {
                var found = FindThreshold(run, data);
                tracker.ThresholdDone();
                return found;
            })).Value;
            return t.Found ? (fraction * t.Stepsize, t.Stepsize) : (double.NaN, double.NaN);
        }

        /// <summary>
        /// Stores a finished run, with the runs finished about the same time, in one transaction
        /// (<see cref="GroupCommits{T}"/>): a worker whose run joins the queue goes on training; what a kill loses is the
        /// runs in flight and those finished in the last few milliseconds (<see cref="Close"/>, on a cancellation,
        /// commits them first). A run is counted and reported (<see cref="SweepRunnerOptions.RunStored"/>) once
        /// committed, on the committing thread. Without arguments: commits what is queued, now.
        /// </summary>
        public void Commit(RunSpec? run = null, StoredRun? record = null)
        {
            if (run is not null && record is not null) Commits.Add((run, record));
            else Commits.Flush();
        }

        /// <summary>How long after a commit a finished run waits for others to join it in the next one.</summary>
        internal static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);

        // Made on first use (its commit action is this context's), published once whichever worker gets there first.
        private GroupCommits<(RunSpec Run, StoredRun Record)>? _groupCommits;
        private GroupCommits<(RunSpec Run, StoredRun Record)> Commits =>
            LazyInitializer.EnsureInitialized(ref _groupCommits, () => new(CommitBatch, Linger));

        /// <summary>Stops committing on a timer; what is queued then waits for <see cref="Commit"/> or <see cref="Close"/>.</summary>
        public void StopTimer() => Commits.Stop();

        /// <summary>Commits runs in one transaction, and counts and reports those it added.</summary>
        private void CommitBatch(List<(RunSpec Run, StoredRun Record)> batch)
        {
            if (batch.Count == 0) return;
            var added = Store(() => store.AddRuns([.. batch.Select(b => b.Record)]));
            for (int j = 0; j < batch.Count; j++)
            {
                if (!added[j]) continue; // another process stored it first (its lease had run out): not ours to count
                options.RunStored?.Invoke(new StoredRunEvent(batch[j].Run, batch[j].Record));
                tracker.RunStored(batch[j].Record.Status);
            }
        }

        /// <summary>Runs a call on the store, unless the sweep was interrupted (then it throws <see cref="OperationCanceledException"/>).</summary>
        public void Store(Action call) => Store(() => { call(); return 0; });

        public T Store<T>(Func<T> call)
        {
            lock (_storeGate)
            {
                if (_closed) throw new OperationCanceledException("the sweep was interrupted; this run is not stored");
                return call();
            }
        }

        /// <summary>
        /// Commits the runs already finished (after the commit under way, if any), then closes: after this, no worker
        /// touches the store again (a call under way finishes first).
        /// </summary>
        public void Close()
        {
            try
            {
                Commits.Flush();
            }
            catch (StoreFaultException)
            {
                // A store that fails now keeps what it had; the cancellation (or the failure) is what the caller hears of.
            }
            lock (_storeGate) _closed = true;
        }

        /// <summary>Drops a dataset once its last pending run is done.</summary>
        public void Release(RunSpec run)
        {
            if (_pending.AddOrUpdate(run.DatasetKey, 0, (_, c) => c - 1) <= 0) _datasets.TryRemove(run.DatasetKey, out _);
        }

        private Dataset Generate(RunSpec run)
        {
            var problem = SparseRegression.Generate(run.Problem());
            var stored = Store(() => store.References(run.DatasetKey)).Select(r => r.Alpha).ToHashSet();
            var references = new List<StoredReference>();
            if (options.DatasetReferences is { } reference)
                foreach (double alpha in spec.Alpha.Where(a => !stored.Contains(a)))
                    foreach (var (name, value) in reference(problem, alpha).OrderBy(p => p.Key, StringComparer.Ordinal))
                        references.Add(new StoredReference(run.DatasetKey, alpha, name, value));
            Store(() => store.AddDataset(new StoredDataset(run.DatasetKey, run.N, run.D, run.S, run.Noise, run.Nonzeros.ToString(), run.NonzeroScale,
                run.Support.ToString(), run.NTest, run.DataSeed, problem.BetaStar ?? []), references));
            return new Dataset(problem, new PaddedDesign(problem.X, problem.Y));
        }

        private ThresholdResult FindThreshold(RunSpec run, Dataset data)
        {
            string key = run.ThresholdKey;
            // Another process bisecting the same configuration: wait for its result rather than repeat it.
            while (Store(() => store.Threshold(key) is null && store.Claim([key], thresholds: true).Held.Count > 0))
            {
                cancellation.ThrowIfCancellationRequested();
                Thread.Sleep(WorkClaims.Poll);
            }
            if (Store(() => store.Threshold(key)) is { } known)
                return new ThresholdResult(known.Stepsize, known.Found, known.HitCap, known.Evaluations, known.SmallestFailure);
            var settings = run.Threshold ?? new ThresholdSettings();
            var result = LargestConvergentStepsize.Find(data.Design, data.Problem, run.Options(settings.Low, trajectory: false), settings, tracker.BisectionRun);
            Interlocked.Increment(ref _thresholdsComputed);
            Store(() => store.AddThreshold(new StoredThreshold(key, run.DatasetKey, run.Alpha, run.BatchSize, run.BatchSeed,
                settings.Low, settings.High, settings.Precision, result.Stepsize, result.Found, result.HitCap,
                result.Evaluations, result.SmallestFailure)));
            return result;
        }
    }
}
