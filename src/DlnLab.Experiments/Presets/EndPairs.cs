namespace DlnLab.Experiments.Presets;

/// <summary>
/// The comparison behind the presets' "falls as alpha falls" and "lower at the largest stepsize" findings: per group
/// (a dataset, or a dataset and alpha), a value at the smallest x of the grid against the same value at the largest.
/// </summary>
internal static class EndPairs
{
    /// <summary>
    /// Per group of <paramref name="points"/>, the value at the grid's smallest x and at its largest (both present and
    /// finite; a group missing either, or a grid of one x, gives no pair), in group order.
    /// </summary>
    public static IReadOnlyList<(double Small, double Large)> Of<T, TGroup>(IEnumerable<T> points, Func<T, TGroup> group, Func<T, double> x, Func<T, double> value)
    {
        var all = points.ToArray();
        var xs = all.Select(x).Where(double.IsFinite).ToArray();
        if (xs.Length == 0) return [];
        double smallest = xs.Min(), largest = xs.Max();
        if (smallest == largest) return [];
        return all.GroupBy(group)
            .Select(g => (Small: g.Where(p => x(p) == smallest).Select(value).DefaultIfEmpty(double.NaN).First(),
                          Large: g.Where(p => x(p) == largest).Select(value).DefaultIfEmpty(double.NaN).First()))
            .Where(p => double.IsFinite(p.Small) && double.IsFinite(p.Large))
            .ToArray();
    }
}
