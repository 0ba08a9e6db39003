using DlnLab.Experiments.Storage;
using DlnLab.Problems;

namespace DlnLab.Experiments.Presets;

/// <summary>The stored runs' trajectories as squared distances to beta* (beta* regenerated from each run's dataset spec).</summary>
internal static class LabelNoiseCurves
{
    public static IReadOnlyList<LabelNoiseCurve> Of(IReadOnlyList<StoredRun> runs)
    {
        var betaStars = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var curves = new List<LabelNoiseCurve>();
        foreach (var run in runs)
        {
            if (!betaStars.TryGetValue(run.DatasetKey, out var betaStar))
                betaStars[run.DatasetKey] = betaStar = SparseRegression.Generate(run.ProblemSpec()).BetaStar!;
            var steps = (double[])run[RunColumns.TrajectoryStep]!;
            var beta = (double[])run[RunColumns.TrajectoryBeta]!;
            int d = betaStar.Length;
            var distances = new double[steps.Length];
            for (int k = 0; k < steps.Length; k++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++)
                {
                    double e = beta[k * d + i] - betaStar[i];
                    sum += e * e;
                }
                distances[k] = sum;
            }
            curves.Add(new LabelNoiseCurve(run.DatasetKey, run.LabelNoise, steps, distances, run.TrainLoss));
        }
        return curves;
    }
}
