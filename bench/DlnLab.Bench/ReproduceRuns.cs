using System.Text.Json;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// Exports the runs a `dln reproduce` stored (its runs.db) for the numpy yardstick: every trained run's batch size,
/// stepsize, batch seed, dataset and step count, with each dataset's X and y regenerated from its stored parameters.
/// The yardstick times a sample of these runs and bench/report.py extrapolates to all of them by steps. The trial
/// runs of the threshold bisections (the largest convergent stepsize of each configuration) are part of the work too:
/// they are replayed here, on the default reproduce's sweeps, to count their steps.
/// </summary>
public static class ReproduceRuns
{
    /// <summary>
    /// Writes the trained runs of the store at <paramref name="runsDb"/> to <paramref name="path"/>; with
    /// <paramref name="thresholdTrials"/>, also the default reproduce's bisection trials (replayed to count them).
    /// </summary>
    public static void Export(string runsDb, string path, bool thresholdTrials = true)
    {
        IReadOnlyList<StoredRun> runs;
        using (var store = ResultStore.Open(runsDb)) runs = store.Runs();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // Ordered by batch size and stepsize, so that the yardstick's evenly strided sample spans the stepsizes.
        var trained = runs.Where(r => r.Steps > 0 && double.IsFinite(r.Stepsize)).OrderBy(r => r.BatchSize).ThenBy(r => r.Stepsize).ToList();
        var first = trained[0];
        if (trained.Any(r => r.Alpha != first.Alpha || r.Tolerance != first.Tolerance || r.MaxSteps != first.MaxSteps))
            throw new InvalidOperationException("the yardstick's grid mode takes one alpha, tolerance and step budget");
        var datasets = trained.GroupBy(r => r.DatasetKey).ToDictionary(g => g.Key, g =>
        {
            var r = g.First();
            var problem = SparseRegression.Generate(r.ProblemSpec());
            return new { x = Enumerable.Range(0, problem.N).Select(i => problem.X.Row(i).ToArray()).ToArray(), y = problem.Y };
        });
        var document = new
        {
            alpha = first.Alpha, tolerance = first.Tolerance, maxSteps = first.MaxSteps,
            storedRuns = runs.Count,
            datasets,
            runs = trained.Select((r, i) => new { b = r.BatchSize, gamma = r.Stepsize, seed = r.BatchSeed, index = i, steps = r.Steps, dataset = r.DatasetKey, sweep = r.Sweep }).ToArray(),
            thresholdTrials = thresholdTrials ? ThresholdTrials() : [],
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document));
    }

    /// <summary>
    /// The trial runs of every bisection of the default reproduce, as LargestConvergentStepsize.Search makes them, with
    /// their step counts (in no particular order: only their sums are used).
    /// </summary>
    private static object[] ThresholdTrials()
    {
        var settings = new ReproductionSettings();
        var specs = new[] { PaperSweeps.StepsizeSweep(settings), PaperSweeps.BatchSizeSweep(settings) }
            .SelectMany(s => s.Expand()).Where(r => r.StepsizeFraction is not null)
            .GroupBy(r => r.ThresholdKey).Select(g => g.First()).ToList();
        var trials = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.ForEach(specs, run =>
        {
            var problem = SparseRegression.Generate(run.Problem());
            var design = new PaddedDesign(problem.X, problem.Y);
            LargestConvergentStepsize.Search(gamma =>
            {
                var result = Trainer.Train(design, problem, run.Options(gamma));
                trials.Add(new { b = run.BatchSize, gamma, seed = run.BatchSeed, steps = result.Steps, dataset = run.DatasetKey });
                return result.Status == RunStatus.Converged;
            }, run.Threshold ?? new ThresholdSettings());
        });
        return trials.ToArray();
    }
}
