using ScottPlot;

namespace DlnLab.Experiments.Figures;

/// <summary>Sets a panel's axis limits from the coordinates actually drawn, and log ticks on log axes.</summary>
internal static class AxisRanges
{
    private const double Margin = 0.05;

    /// <summary>Linear axes with data are left to ScottPlot's autoscale; log axes and empty axes get explicit limits so
    /// the tick generator and the limits agree, and an empty plot still shows a labelled frame.</summary>
    public static void Apply(Plot plot, List<double> used, bool log, bool horizontal)
    {
        if (!log && used.Count > 0) return;
        double min, max;
        if (used.Count == 0) { min = 0; max = 1; }
        else
        {
            min = used.Min();
            max = used.Max();
            double span = max - min;
            if (span < 1e-12) { min -= 0.5; max += 0.5; }
            else { min -= Margin * span; max += Margin * span; }
        }
        var axis = horizontal ? (ScottPlot.IAxis)plot.Axes.Bottom : plot.Axes.Left;
        if (horizontal) plot.Axes.SetLimitsX(min, max);
        else plot.Axes.SetLimitsY(min, max);
        if (log) axis.TickGenerator = LogTicks.Create(min, max);
    }

    /// <summary>Middle of the current limits, for the "no data" note.</summary>
    public static Coordinates Centre(Plot plot)
    {
        ScottPlot.AxisLimits limits = plot.Axes.GetLimits();
        return new Coordinates((limits.Left + limits.Right) / 2, (limits.Bottom + limits.Top) / 2);
    }
}
