using System.Collections.Concurrent;
using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Runs every run of a sweep that is not yet in the store, in parallel, committing each one as soon as it ends:
/// killing the process loses at most the runs in flight, and running again computes exactly the missing ones.
/// Each dataset is generated (and its design padded) once and shared by its runs.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs the sweep. Throws <see cref="InvalidInputException"/> for a bad spec before anything is written, and
    /// <see cref="OperationCanceledException"/> when cancelled (runs already finished are stored).
    /// </summary>
    public static SweepSummary Run(SweepSpec spec, ResultStore store, SweepRunnerOptions? options = null,
        IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new SweepRunnerOptions();
        if (options.MaxDegreeOfParallelism < 1) throw new InvalidInputException("threads", options.MaxDegreeOfParallelism, "must be a positive integer");
        var clock = Stopwatch.StartNew();
        var runs = spec.Expand();
        var keys = runs.Select(r => r.Key).ToArray();
        string specJson = SweepSpecJson.Serialize(spec);
        store.AddSweep(spec.Name, specJson, RunSpec.Hash(specJson));

        var stored = store.RunKeys(spec.Name);
        var todo = Enumerable.Range(0, runs.Count).Where(i => !stored.Contains(keys[i])).ToArray();
        int alreadyStored = runs.Count - todo.Length;
        var context = new SweepContext(spec, store, options, todo.Select(i => runs[i]));
        int completed = 0;
        progress?.Report(new SweepProgress(0, todo.Length, alreadyStored, clock.Elapsed, null));

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation };
        // NoBuffering hands out runs one at a time in sweep order, so the runs of one dataset are in flight together
        // and few datasets are alive at once.
        var source = Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(source, parallel, i =>
        {
            var run = runs[i];
            var record = context.Execute(run, keys[i]);
            store.AddRun(record);
            context.Release(run);
            options.RunStored?.Invoke(new StoredRunEvent(run, record));
            int done = Interlocked.Increment(ref completed);
            if (progress is not null)
            {
                var elapsed = clock.Elapsed;
                TimeSpan? eta = done == 0 ? null : elapsed * ((double)(todo.Length - done) / done);
                progress.Report(new SweepProgress(done, todo.Length, alreadyStored, elapsed, eta));
            }
        });
        return new SweepSummary(runs.Count, alreadyStored, completed, context.ThresholdsComputed, clock.Elapsed);
    }

    /// <summary>Shared state of one invocation: datasets and thresholds computed once, on first use, by whichever worker needs them.</summary>
    private sealed class SweepContext(SweepSpec spec, ResultStore store, SweepRunnerOptions options, IEnumerable<RunSpec> todo)
    {
        private readonly ConcurrentDictionary<string, Lazy<Dataset>> _datasets = new();
        private readonly ConcurrentDictionary<string, Lazy<ThresholdResult>> _thresholds = new();
        private readonly ConcurrentDictionary<string, int> _pending = CountByDataset(todo);
        private int _thresholdsComputed;

        public int ThresholdsComputed => _thresholdsComputed;

        private sealed record Dataset(RegressionProblem Problem, PaddedDesign Design);

        private static ConcurrentDictionary<string, int> CountByDataset(IEnumerable<RunSpec> runs) =>
            new(runs.GroupBy(r => r.DatasetKey).ToDictionary(g => g.Key, g => g.Count()));

        public StoredRun Execute(RunSpec run, string key)
        {
            var data = _datasets.GetOrAdd(run.DatasetKey, _ => new Lazy<Dataset>(() => Generate(run))).Value;
            double gamma;
            double? threshold = null;
            if (run.StepsizeFraction is double fraction)
            {
                var t = _thresholds.GetOrAdd(run.ThresholdKey, _ => new Lazy<ThresholdResult>(() => FindThreshold(run, data))).Value;
                threshold = t.Found ? t.Stepsize : double.NaN;
                gamma = t.Found ? fraction * t.Stepsize : double.NaN;
            }
            else gamma = run.Stepsize!.Value;

            if (double.IsNaN(gamma)) return StoredRuns.WithoutTraining(run, key, threshold);
            var clock = Stopwatch.StartNew();
            var result = Trainer.Train(data.Design, data.Problem, run.Options(gamma));
            double wall = clock.Elapsed.TotalSeconds;
            double? residual = options.Theorem22Residual?.Invoke(data.Problem, result);
            return StoredRuns.From(run, key, gamma, threshold, result, residual, wall);
        }

        /// <summary>Drops a dataset once its last pending run is done.</summary>
        public void Release(RunSpec run)
        {
            if (_pending.AddOrUpdate(run.DatasetKey, 0, (_, c) => c - 1) <= 0) _datasets.TryRemove(run.DatasetKey, out _);
        }

        private Dataset Generate(RunSpec run)
        {
            var problem = SparseRegression.Generate(run.Problem());
            var stored = store.References(run.DatasetKey).Select(r => r.Alpha).ToHashSet();
            var references = new List<StoredReference>();
            if (options.DatasetReferences is { } reference)
                foreach (double alpha in spec.Alpha.Where(a => !stored.Contains(a)))
                    foreach (var (name, value) in reference(problem, alpha).OrderBy(p => p.Key, StringComparer.Ordinal))
                        references.Add(new StoredReference(run.DatasetKey, alpha, name, value));
            var p = run.Problem();
            store.AddDataset(new StoredDataset(run.DatasetKey, p.N, p.D, p.S, p.Noise, p.Nonzeros.ToString(), p.NonzeroScale,
                p.Support.ToString(), p.NTest, p.Seed, problem.BetaStar ?? []), references);
            return new Dataset(problem, new PaddedDesign(problem.X, problem.Y));
        }

        private ThresholdResult FindThreshold(RunSpec run, Dataset data)
        {
            string key = run.ThresholdKey;
            if (store.Threshold(key) is { } known)
                return new ThresholdResult(known.Stepsize, known.Found, known.HitCap, known.Evaluations, known.SmallestFailure);
            var settings = run.Threshold ?? new ThresholdSettings();
            var result = LargestConvergentStepsize.Find(data.Design, data.Problem, run.Options(settings.Low), settings);
            Interlocked.Increment(ref _thresholdsComputed);
            store.AddThreshold(new StoredThreshold(key, run.DatasetKey, run.Alpha, run.BatchSize, run.BatchSeed,
                settings.Low, settings.High, settings.Precision, result.Stepsize, result.Found, result.HitCap,
                result.Evaluations, result.SmallestFailure));
            return result;
        }
    }
}
