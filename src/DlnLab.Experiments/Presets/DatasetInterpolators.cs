using DlnLab.Experiments.Storage;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// A stored run's dataset regenerated from its seed, with its minimum-l1 and minimum-l2 interpolators (the rich and the
/// kernel regime's limits), for the presets that place an interpolator between them.
/// </summary>
internal sealed class DatasetInterpolators
{
    private DatasetInterpolators(RegressionProblem problem, double[]? minimumL1, double[]? minimumL2)
    {
        Problem = problem;
        MinimumL1 = minimumL1;
        MinimumL2 = minimumL2;
    }

    /// <summary>The dataset, bit for bit the one the run trained on.</summary>
    public RegressionProblem Problem { get; }

    /// <summary>argmin_{X beta = y} ||beta||_1; null when the simplex could not certify it.</summary>
    public double[]? MinimumL1 { get; }

    /// <summary>The minimum-l2 interpolator; null when X X^T could not be factored.</summary>
    public double[]? MinimumL2 { get; }

    /// <summary>The dataset of <paramref name="run"/> and its two interpolators.</summary>
    public static DatasetInterpolators Of(StoredRun run)
    {
        var problem = SparseRegression.Generate(run.ProblemSpec());
        MinimumL1Solution? l1;
        try { l1 = Interpolators.MinimumL1(problem.X, problem.Y); }
        catch (SolverException) { l1 = null; }
        Interpolators.TryMinimumL2(problem.X, problem.Y, out var l2);
        return new DatasetInterpolators(problem, l1 is { Converged: true } ? l1.Beta : null, l2);
    }

    /// <summary>One per dataset of <paramref name="runs"/> (keyed by dataset key), computed on up to <paramref name="threads"/> threads.</summary>
    public static IReadOnlyDictionary<string, DatasetInterpolators> For(IEnumerable<StoredRun> runs, int threads, CancellationToken cancellation)
    {
        var firsts = runs.GroupBy(r => r.DatasetKey, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        var results = PresetWork.Map(firsts, threads, cancellation, Of);
        return firsts.Select((r, i) => (r.DatasetKey, results[i])).ToDictionary(p => p.DatasetKey, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>The interpolator a solver call returns, or null when it did not converge.</summary>
    public static double[]? Limit(Func<InterpolatorSolution> solve)
    {
        try { return solve().Beta; }
        catch (SolverException) { return null; }
    }

    /// <summary>The final iterate of a usable run (converged, or out of budget near the tolerance); null otherwise.</summary>
    public static double[]? UsableBeta(StoredRun? run) => run is not null && Reproduction.RunGroups.Usable(run) ? run.Beta : null;

    /// <summary>||beta - target||_2 / ||target||_2; NaN when the target or beta is missing.</summary>
    public static double RelativeDistance(double[]? beta, double[]? target) =>
        beta is null || target is null || beta.Length == 0 ? double.NaN : MatrixOperations.RelativeDistance(beta, target);

    /// <summary>The relative distance of <paramref name="beta"/> to the minimum-l1 interpolator.</summary>
    public double ToMinimumL1(double[]? beta) => RelativeDistance(beta, MinimumL1);

    /// <summary>The relative distance of <paramref name="beta"/> to the minimum-l2 interpolator.</summary>
    public double ToMinimumL2(double[]? beta) => RelativeDistance(beta, MinimumL2);

    /// <summary>The test loss of <paramref name="beta"/> on the dataset's held-out set (NaN without one).</summary>
    public double TestLoss(double[]? beta) => beta is null ? double.NaN : new Training.IterateMetrics(Problem).TestLoss(beta) ?? double.NaN;
}
