using ScottPlot;
using ScottPlot.Plottables;

namespace DlnLab.Experiments.Figures;

/// <summary>Adds the plottables of one series (band, line or markers, bars, error bars) to a ScottPlot plot.</summary>
internal static class SeriesDrawing
{
    /// <summary>Opacity of a band (the interactive charts use the same).</summary>
    internal const double BandAlpha = 0.18;

    public static void AddLine(Plot plot, SeriesSpec series, SeriesPoints points, Color color, MarkerShape marker,
        float lineWidth, float markerSize)
    {
        bool errorBars = series.Style == SeriesStyle.Markers;
        if (errorBars) AddErrorBars(plot, points, color, xOffset: 0);
        else AddBand(plot, points, color);

        double[] xs = points.Points.Select(p => p.PlotX).ToArray();
        double[] ys = points.Points.Select(p => p.PlotY).ToArray();
        Scatter scatter = plot.Add.Scatter(xs, ys, color);
        scatter.LegendText = FigureText.Display(series.Name);
        scatter.LineWidth = series.Style == SeriesStyle.Markers ? 0 : lineWidth;
        scatter.MarkerSize = series.Style is SeriesStyle.Line or SeriesStyle.Steps ? 0 : markerSize;
        scatter.MarkerShape = marker;
        if (series.Style == SeriesStyle.Steps) scatter.ConnectStyle = ConnectStyle.StepHorizontal;
    }

    /// <summary>A series over categories (<see cref="PanelSpec.CategoricalX"/>), nothing joined across them: a line
    /// series as one horizontal bar per category across its slots' width, any other as markers at its slot's offset;
    /// bands as error bars.</summary>
    public static void AddCategorical(Plot plot, SeriesSpec series, SeriesPoints points, Color color, MarkerShape marker,
        double offset, float lineWidth, float markerSize)
    {
        if (CategorySlots.IsBar(series))
        {
            AddErrorBars(plot, points, color, xOffset: 0);
            bool first = true;
            foreach (var p in points.Points)
            {
                var bar = plot.Add.Line(p.PlotX - CategorySlots.Width / 2, p.PlotY, p.PlotX + CategorySlots.Width / 2, p.PlotY);
                bar.LineColor = color;
                bar.LineWidth = lineWidth;
                bar.MarkerSize = 0;
                if (first) bar.LegendText = FigureText.Display(series.Name);
                first = false;
            }
            return;
        }
        AddErrorBars(plot, points, color, offset);
        Scatter scatter = plot.Add.Scatter(points.Points.Select(p => p.PlotX + offset).ToArray(), points.Points.Select(p => p.PlotY).ToArray(), color);
        scatter.LegendText = FigureText.Display(series.Name);
        scatter.LineWidth = 0;
        scatter.MarkerSize = markerSize;
        scatter.MarkerShape = marker;
    }

    /// <summary>Bars centred at each x; with several bar series, each gets a slot of the gap between neighbouring x.</summary>
    public static void AddBars(Plot plot, string name, SeriesPoints points, Color color, int slot, int slots)
    {
        double spacing = SmallestGap(points.Points.Select(p => p.PlotX).Order().ToArray());
        double width = 0.8 * spacing / slots;
        double offset = (slot - (slots - 1) / 2.0) * width;
        var bars = points.Points.Select(p => new Bar
        {
            Position = p.PlotX + offset,
            Value = p.PlotY,
            Size = width,
            FillColor = color,
            LineWidth = 0,
        }).ToList();
        BarPlot plottable = plot.Add.Bars(bars);
        plottable.LegendText = FigureText.Display(name);
        AddErrorBars(plot, points, Colors.Black.WithAlpha(0.7), offset);
    }

    /// <summary>The band as filled polygons over runs of consecutive points that have one, so a missing edge leaves a
    /// gap instead of a misleading bridge.</summary>
    private static void AddBand(Plot plot, SeriesPoints points, Color color)
    {
        var run = new List<(double X, double Low, double High)>();
        foreach (var p in points.Points.Append(default))
        {
            if (p.HasBand) { run.Add((p.PlotX, p.PlotLower, p.PlotUpper)); continue; }
            if (run.Count > 0)
            {
                FillY fill = plot.Add.FillY(run.Select(r => r.X).ToArray(), run.Select(r => r.High).ToArray(), run.Select(r => r.Low).ToArray());
                fill.FillColor = color.WithAlpha(BandAlpha);
                fill.LineWidth = 0;
                fill.LegendText = "";
                run.Clear();
            }
        }
    }

    private static void AddErrorBars(Plot plot, SeriesPoints points, Color color, double xOffset)
    {
        var banded = points.Points.Where(p => p.HasBand).ToArray();
        if (banded.Length == 0) return;
        double[] zeros = new double[banded.Length];
        var errors = new ErrorBar(
            banded.Select(p => p.PlotX + xOffset).ToArray(),
            banded.Select(p => p.PlotY).ToArray(),
            zeros, zeros,
            banded.Select(p => Math.Max(0, p.PlotUpper - p.PlotY)).ToArray(),
            banded.Select(p => Math.Max(0, p.PlotY - p.PlotLower)).ToArray())
        {
            Color = color,
            LineWidth = 1.5f,
            CapSize = 5,
        };
        plot.PlottableList.Add(errors);
    }

    private static double SmallestGap(double[] sorted)
    {
        double gap = double.PositiveInfinity;
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] - sorted[i - 1] > 0) gap = Math.Min(gap, sorted[i] - sorted[i - 1]);
        return double.IsFinite(gap) ? gap : 1;
    }
}
