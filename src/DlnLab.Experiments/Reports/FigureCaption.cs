using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Reports;

/// <summary>Completes a figure's caption with what its panels plot (x and y, log scales named) and over how many
/// datasets, both read from the figure and its runs, so no caption can state them wrongly or leave them out.</summary>
public static class FigureCaption
{
    /// <summary>The caption (its scripts shown as in the figures, <see cref="FigureText.Display"/>), then
    /// "Plotted: x = ..., y = ...", then the number of distinct datasets among
    /// <paramref name="runs"/> (the runs the figure is drawn from).</summary>
    public static string Complete(string caption, FigureSpec figure, IEnumerable<StoredRun> runs) =>
        Complete(caption, figure, runs.Select(r => r.DatasetKey));

    /// <summary>The caption, then the axes, then the number of distinct keys among <paramref name="datasetKeys"/>
    /// (one per run the figure is drawn from); no count when there are none.</summary>
    public static string Complete(string caption, FigureSpec figure, IEnumerable<string> datasetKeys)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int datasets = datasetKeys.Distinct().Count();
        string count = datasets switch
        {
            // Drawn from no stored run (a figure computed on a fixed problem, which its caption names): nothing to count.
            0 => "",
            1 => " On 1 dataset.",
            _ => $" Over {datasets.ToString(CultureInfo.InvariantCulture)} datasets.",
        };
        return $"{FigureText.Display(caption.TrimEnd())} {Axes(figure)}{count}";
    }

    /// <summary>"Plotted: x = A, y = B." for one kind of panel; with several, each with its number of panels.</summary>
    public static string Axes(FigureSpec figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var kinds = figure.Panels.Where(p => p.Series.Count > 0)
            .GroupBy(p => $"x = {Label(p.XLabel, p.LogX)}, y = {Label(p.YLabel, p.LogY)}")
            .Select(g => (Axes: g.Key, Panels: g.Count())).ToList();
        if (kinds.Count == 0) return "Nothing plotted.";
        if (kinds.Count == 1) return $"Plotted: {kinds[0].Axes}.";
        return "Plotted: " + string.Join("; ", kinds.Select(k => $"{k.Axes} in {k.Panels.ToString(CultureInfo.InvariantCulture)} panel{(k.Panels == 1 ? "" : "s")}")) + ".";
    }

    private static string Label(string label, bool log) => FigureText.Display(label) + (log ? " (log scale)" : "");
}
