namespace DlnLab.Experiments.Figures;

/// <summary>Where each series of a <see cref="PanelSpec.CategoricalX"/> panel stands within a category: the marker
/// series side by side across <see cref="Width"/> of the unit gap between categories, each line series as a bar across
/// all of it. The static figure and the interactive chart both place series from here.</summary>
internal sealed class CategorySlots
{
    /// <summary>The share of the unit gap between neighbouring categories that a category's marks take up.</summary>
    public const double Width = 0.7;

    private readonly Dictionary<int, double> offsets = [];

    /// <summary>The slots of a panel's series, by index in <see cref="PanelSpec.Series"/>.</summary>
    public CategorySlots(PanelSpec panel)
    {
        var markers = Enumerable.Range(0, panel.Series.Count).Where(i => !IsBar(panel.Series[i])).ToList();
        for (int k = 0; k < markers.Count; k++)
            offsets[markers[k]] = markers.Count == 1 ? 0 : (k - (markers.Count - 1) / 2.0) * Width / markers.Count;
    }

    /// <summary>A line series (<see cref="SeriesStyle.Line"/> or <see cref="SeriesStyle.Steps"/>) is drawn as one
    /// horizontal bar per category; any other as markers.</summary>
    public static bool IsBar(SeriesSpec series) => series.Style is SeriesStyle.Line or SeriesStyle.Steps;

    /// <summary>The x offset of a marker series' marks from the category's centre (0 for a bar series).</summary>
    public double Offset(int series) => offsets.GetValueOrDefault(series);
}
