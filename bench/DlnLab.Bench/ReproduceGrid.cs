using System.Collections.Concurrent;
using System.Text.Json;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Bench;

/// <summary>
/// A fixed grid shaped like the report's first figure, on one dataset (the default `dln reproduce` itself is measured
/// by bench/run.sh): (n, d, s, alpha) = (20, 30, 3, 0.1), 16 stepsizes from 1e-3 to 0.02 (below SGD's divergence), GD once and SGD (b = 1) with 3 batch seeds,
/// tolerance 1e-5, at most 1e5 steps. Runs the way a sweep would: the GD runs in one lockstep group, the SGD runs
/// spread over the cores.
/// </summary>
public static class ReproduceGrid
{
    public static readonly double[] Stepsizes =
        Enumerable.Range(0, 16).Select(i => 1e-3 * Math.Pow(20, i / 15.0)).ToArray();

    public static readonly Lazy<RegressionProblem> Problem = new(() =>
        SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 1000, Seed = 2024 }));

    public static List<TrainingOptions> Runs()
    {
        var runs = new List<TrainingOptions>();
        foreach (double gamma in Stepsizes)
        {
            runs.Add(new TrainingOptions { BatchSize = 20, Stepsize = StepsizeSchedule.Constant(gamma) });
            for (ulong seed = 1; seed <= 3; seed++)
                runs.Add(new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.Constant(gamma), Seed = seed });
        }
        return runs;
    }

    /// <summary>Trains the whole grid; returns the total number of steps.</summary>
    public static long Run(int degreeOfParallelism, bool lockstep)
    {
        var problem = Problem.Value;
        var design = new PaddedDesign(problem.X, problem.Y);
        var runs = Runs();
        long total = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        if (lockstep)
        {
            var groups = runs.Where(r => LockstepTrainer.Supports(design, r)).ToList();
            var singles = runs.Where(r => !LockstepTrainer.Supports(design, r)).ToList();
            // The lockstep group goes first so the SGD runs fill the other core meanwhile.
            var work = new List<Func<long>> { () => LockstepTrainer.Train(design, problem, groups).Sum(r => r.Steps) };
            work.AddRange(singles.Select(o => (Func<long>)(() => Trainer.Train(design, problem, o).Steps)));
            // One item at a time, so the long lockstep group does not hold a chunk of SGD runs behind it.
            Parallel.ForEach(Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering), options, w => Interlocked.Add(ref total, w()));
        }
        else
            Parallel.ForEach(Partitioner.Create(runs, EnumerablePartitionerOptions.NoBuffering), options, o => Interlocked.Add(ref total, Trainer.Train(design, problem, o).Steps));
        return total;
    }

    /// <summary>Writes the problem, the runs and each run's step count (for the numpy yardstick's extrapolation).</summary>
    public static void Export(string path)
    {
        var problem = Problem.Value;
        var design = new PaddedDesign(problem.X, problem.Y);
        var runs = Runs();
        var document = new
        {
            alpha = 0.1, tolerance = 1e-5, maxSteps = 100_000,
            x = Enumerable.Range(0, problem.N).Select(i => problem.X.Row(i).ToArray()).ToArray(),
            y = problem.Y,
            runs = runs.Select((o, i) => new { b = o.BatchSize, gamma = o.Stepsize.Initial, seed = o.Seed, index = i, steps = Trainer.Train(design, problem, o).Steps }).ToArray(),
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document));
    }
}
