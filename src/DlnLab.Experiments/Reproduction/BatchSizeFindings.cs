using DlnLab.Experiments.Storage;
using static DlnLab.Experiments.Reproduction.Findings;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Figure 4 measured (the report states no result for 1 &lt; b &lt; n): at each matched relative stepsize, the median test
/// loss per batch size, whether the medians rise with b, and on how many datasets b = 1 ends below b = n.
/// </summary>
internal sealed record BatchSizeFindings
{
    /// <summary>One matched relative stepsize: its median test loss per batch size (ascending b) and the b = 1 vs b = n count.</summary>
    public sealed record AtFraction(double Fraction, IReadOnlyList<(int BatchSize, double MedianTestLoss)> Medians, Tally SgdBelowGd)
    {
        /// <summary>The medians rise (strictly) from each batch size to the next.</summary>
        public bool Rising => Medians.Count > 1 && Medians.Zip(Medians.Skip(1)).All(p => p.First.MedianTestLoss < p.Second.MedianTestLoss);
    }

    public required IReadOnlyList<AtFraction> Fractions { get; init; }
    public required int N { get; init; }

    /// <summary>Measures figure 4's runs.</summary>
    public static BatchSizeFindings Measure(IReadOnlyList<StoredRun> runs, ReproductionSettings s) => new()
    {
        N = s.N,
        Fractions = s.BatchSizeFractions.Distinct().Order().Select(f =>
        {
            var medians = s.BatchSizes.Distinct().Order()
                .Select(b => (b, Quantiles.Median(ByDataset(runs.Where(r => r.BatchSize == b), f).Values.Select(r => r.TestLoss ?? double.NaN)))).ToArray();
            var gd = ByDataset(runs.Where(r => r.BatchSize == s.N), f);
            var sgd = ByDataset(runs.Where(r => r.BatchSize == 1), f);
            var below = Tally.Count(sgd.Select(p => gd.TryGetValue(p.Key, out var g) && p.Value.TestLoss is double a && g.TestLoss is double c ? a < c : (bool?)null));
            return new AtFraction(f, medians, below);
        }).ToArray(),
    };

    /// <summary>One sentence per matched relative stepsize.</summary>
    public IReadOnlyList<string> Sentences() => Fractions.Select(a =>
        $"At {PaperFigureData.RelativeStepsize(a.Fraction)} the median test loss is {string.Join(", ", a.Medians.Select(m => F(m.MedianTestLoss)))} for b = {string.Join(", ", a.Medians.Select(m => m.BatchSize))}, " +
        $"{(a.Rising ? "rising with b at every step" : "not rising with b at every step")}; b = 1 ends below b = n = {N} on {a.SgdBelowGd} datasets.").ToArray();
}
