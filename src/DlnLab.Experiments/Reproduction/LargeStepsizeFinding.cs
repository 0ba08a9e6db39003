using System.Globalization;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Whether large-stepsize GD helps on uncentered data (the claim of Nacson et al. 2022), decided by the data: per
/// dataset, GD's test loss at its largest relative stepsize against its test loss at its smallest. It helps when the
/// large stepsize gives the lower test loss on more than half of the datasets compared; the centered data's count is
/// given beside it for comparison.
/// </summary>
internal static class LargeStepsizeFinding
{
    /// <summary>The sentence, from (small-stepsize, large-stepsize) test losses per dataset of each kind of data.</summary>
    public static string Sentence(IReadOnlyList<(double Small, double Large)> uncentered, IReadOnlyList<(double Small, double Large)> centered,
        double uncenteredMean, double centeredMean)
    {
        string mu = G(uncenteredMean);
        if (uncentered.Count == 0)
            return $"On uncentered inputs (μ = {mu}) no dataset has usable GD runs at both its smallest and its largest stepsize, so whether large stepsizes help GD there is not measured.";
        var better = Below(uncentered);
        string verdict = better.Majority
            ? "large stepsizes help GD here, as Nacson et al. (2022) argue"
            : "large stepsizes do not help GD here, contrary to Nacson et al. (2022)";
        string sentence = $"On uncentered inputs (μ = {mu}) GD's test loss at its largest convergent stepsize is below its test loss at its smallest stepsize on {better} datasets " +
            $"(medians {G(Quantiles.Median(uncentered.Select(p => p.Large)))} and {G(Quantiles.Median(uncentered.Select(p => p.Small)))}): {verdict}";
        if (centered.Count == 0) return sentence + ".";
        return sentence + $"; on the inputs with μ = {G(centeredMean)} it is below on {Below(centered)} " +
            $"(medians {G(Quantiles.Median(centered.Select(p => p.Large)))} and {G(Quantiles.Median(centered.Select(p => p.Small)))}).";
    }

    // Per dataset, whether the large stepsize gave the lower test loss.
    private static Tally Below(IReadOnlyList<(double Small, double Large)> pairs) => Tally.Count(pairs.Select(p => (bool?)(p.Large < p.Small)));

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
