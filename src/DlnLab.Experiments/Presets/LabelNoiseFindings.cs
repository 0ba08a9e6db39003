using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Presets;

/// <summary>The haochen2021 page's sentences, each computed from the runs and able to come out either way.</summary>
internal static class LabelNoiseFindings
{
    public static IReadOnlyList<string> Of(IReadOnlyList<LabelNoiseCurve> curves)
    {
        var deltas = curves.Select(c => c.Delta).Distinct().Order().ToList();
        if (deltas.Count < 2 || deltas[0] != 0)
            return ["The sweep has no GD run (δ = 0) beside a label-noise one: nothing to compare."];
        double largest = deltas[^1];
        // Per dataset: does label-noise GD at the largest delta end closer to beta* than GD?
        var closer = Tally.Count(curves.GroupBy(c => c.DatasetKey).Select(g =>
        {
            var gd = g.FirstOrDefault(c => c.Delta == 0);
            var noisy = g.FirstOrDefault(c => c.Delta == largest);
            return gd is null || noisy is null || double.IsNaN(gd.FinalDistance) || double.IsNaN(noisy.FinalDistance)
                ? (bool?)null : noisy.FinalDistance < gd.FinalDistance;
        }));
        if (closer.Of == 0)
            return [$"No dataset has both a GD run and a label-noise run (δ = {Findings.F(largest)}) with a recorded trajectory, so nothing is compared " +
                "(the preset needs training.keep_trajectories = true)."];
        double Median(double delta, Func<LabelNoiseCurve, double> f) => Quantiles.Median(curves.Where(c => c.Delta == delta).Select(f));
        long steps = (long)curves.Max(c => c.Steps.Length == 0 ? 0 : c.Steps[^1]);
        string verdict = closer.All ? "label noise moves GD towards the sparse β*, as HaoChen et al. find"
            : closer.Majority ? "mostly, as HaoChen et al. find, but not on every dataset"
            : "GD ends as close or closer here, contrary to what HaoChen et al. find";
        var sentences = new List<string>
        {
            $"After {steps} steps, label-noise GD (δ = {Findings.F(largest)}) ends closer to β* than GD on {closer} datasets " +
            $"(median ||β − β*||² {Findings.F(Median(largest, c => c.FinalDistance))} against {Findings.F(Median(0, c => c.FinalDistance))}): {verdict}.",
        };
        var medians = deltas.Select(delta => Median(delta, c => c.FinalDistance)).ToList();
        bool falling = medians.Zip(medians.Skip(1)).All(p => p.Second < p.First);
        if (deltas.Count > 2)
            sentences.Add($"The median final ||β − β*||² is {string.Join(", ", medians.Select(Findings.F))} for δ = {string.Join(", ", deltas.Select(Findings.F))}: " +
                (falling ? "it falls as δ grows." : "it does not fall steadily with δ."));
        double gdLoss = Median(0, c => c.FinalTrainLoss), noisyLoss = Median(largest, c => c.FinalTrainLoss);
        sentences.Add($"Median training loss at the last step, on the clean labels: {Findings.F(gdLoss)} for GD, " +
            $"{Findings.F(noisyLoss)} for δ = {Findings.F(largest)}" + (noisyLoss > 10 * gdLoss
                ? ": label-noise GD's is over 10 times GD's, so it has not settled on an interpolator of the clean labels (the noise keeps it moving)."
                : ": within a factor 10 of each other."));
        return sentences;
    }
}
