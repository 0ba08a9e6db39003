using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// Curves of values the presets compute themselves (interpolators solved for, not runs trained): one point per x, the
/// median over datasets with the interquartile band; a point where fewer than half of the values are finite (a solver
/// that did not converge, a run that was not usable) is NaN, which the renderer drops and counts.
/// </summary>
internal static class PresetSeries
{
    /// <summary>The median and quartiles of the values at each x, in increasing x.</summary>
    public static SeriesSpec Summary(string name, int palette, SeriesStyle style, IEnumerable<(double X, double Y)> values)
    {
        var xs = new List<double>(); var ys = new List<double>(); var lo = new List<double>(); var hi = new List<double>();
        foreach (var g in values.GroupBy(p => p.X).OrderBy(g => g.Key))
        {
            var finite = g.Select(p => p.Y).Where(double.IsFinite).ToArray();
            bool enough = finite.Length > 0 && 2 * finite.Length >= g.Count();
            xs.Add(g.Key);
            ys.Add(enough ? Quantiles.Median(finite) : double.NaN);
            lo.Add(enough ? Quantiles.Of(finite, 0.25) : double.NaN);
            hi.Add(enough ? Quantiles.Of(finite, 0.75) : double.NaN);
        }
        return new SeriesSpec(name, xs, ys) { PaletteIndex = palette, Style = style }.WithBand(lo, hi);
    }
}
