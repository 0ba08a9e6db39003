using ScottPlot;
using ScottPlot.Plottables;

namespace DlnLab.Experiments.Figures;

/// <summary>Turns one <see cref="PanelSpec"/> into a ScottPlot plot, recording every number it draws and everything it
/// has to leave out (non-finite values, non-positive values on log axes).</summary>
internal sealed class PanelBuilder
{
    private const float TitleSize = 18, LabelSize = 15, TickSize = 13, LegendSize = 13;
    private const float LineWidth = 2.2f, MarkerSize = 8f, AnnotationWidth = 1.6f;

    private readonly PanelSpec panel;
    private readonly int panelIndex;
    private readonly AxisScale xScale, yScale;
    private readonly Plot plot = new();
    private readonly List<double> xsUsed = [], ysUsed = [];

    public List<PlottedPoint> Plotted { get; } = [];
    public List<string> Warnings { get; } = [];
    public int DroppedPoints { get; private set; }
    public int DroppedBandValues { get; private set; }

    public PanelBuilder(PanelSpec panel, int panelIndex)
    {
        this.panel = panel;
        this.panelIndex = panelIndex;
        xScale = new AxisScale(panel.LogX);
        yScale = new AxisScale(panel.LogY);
    }

    public Plot Build()
    {
        AddShadedRanges();
        int barSeries = panel.Series.Count(s => s.Style == SeriesStyle.Bars);
        int barSlot = 0;
        var slots = new CategorySlots(panel);
        for (int i = 0; i < panel.Series.Count; i++)
        {
            SeriesSpec series = panel.Series[i];
            var points = SeriesPoints.Map(series, xScale, yScale);
            Record(series, points);
            if (points.Count == 0)
            {
                Warnings.Add($"panel {panelIndex}, series '{series.Name}': nothing to draw");
                continue;
            }
            Color color = FigurePalette.ColorAt(series.PaletteIndex ?? i);
            MarkerShape marker = FigurePalette.MarkerAt(series.PaletteIndex ?? i);
            if (series.Style == SeriesStyle.Bars) SeriesDrawing.AddBars(plot, series.Name, points, color, barSlot++, barSeries);
            else if (panel.CategoricalX) SeriesDrawing.AddCategorical(plot, series, points, color, marker, slots.Offset(i), LineWidth, MarkerSize);
            else SeriesDrawing.AddLine(plot, series, points, color, marker, LineWidth, MarkerSize);
        }
        AddReferenceLines();
        AddVerticalMarkers();
        Style();
        return plot;
    }

    private void Record(SeriesSpec series, SeriesPoints points)
    {
        DroppedPoints += points.DroppedPoints;
        DroppedBandValues += points.DroppedBandValues;
        if (points.DroppedPoints > 0)
            Warnings.Add($"panel {panelIndex}, series '{series.Name}': {points.DroppedPoints} point(s) not drawn (x must be {xScale.Rule}, y {yScale.Rule})");
        if (points.DroppedBandValues > 0)
            Warnings.Add($"panel {panelIndex}, series '{series.Name}': band left out at {points.DroppedBandValues} point(s) (edges must be {yScale.Rule})");
        foreach (var p in points.Points)
        {
            Plotted.Add(new PlottedPoint(panelIndex, series.Name, "point", p.X, p.Y, p.Lower, p.Upper));
            xsUsed.Add(p.PlotX);
            ysUsed.Add(p.PlotY);
            if (p.HasBand) { ysUsed.Add(p.PlotLower); ysUsed.Add(p.PlotUpper); }
        }
    }

    private void AddShadedRanges()
    {
        var labelled = new HashSet<string>();
        foreach (ShadedXRange range in panel.ShadedXRanges)
        {
            if (!xScale.TryMap(range.From, out double from) || !xScale.TryMap(range.To, out double to))
            {
                Warnings.Add($"panel {panelIndex}, shaded range '{range.Label}' [{range.From}, {range.To}] not drawn (edges must be {xScale.Rule})");
                continue;
            }
            HorizontalSpan span = plot.Add.HorizontalSpan(Math.Min(from, to), Math.Max(from, to), FigurePalette.Shade);
            span.LineWidth = 0;
            if (range.Label is { Length: > 0 } label && labelled.Add(label)) span.LegendText = FigureText.Display(label);
            Plotted.Add(new PlottedPoint(panelIndex, range.Label ?? "", "xrange", double.NaN, double.NaN, range.From, range.To));
            xsUsed.Add(from);
            xsUsed.Add(to);
        }
    }

    private void AddReferenceLines()
    {
        foreach (ReferenceLine line in panel.ReferenceLines)
        {
            if (!yScale.TryMap(line.Y, out double y))
            {
                Warnings.Add($"panel {panelIndex}, reference line '{line.Label}' at {line.Y} not drawn (must be {yScale.Rule})");
                continue;
            }
            Color color = line.PaletteIndex is int k ? FigurePalette.ColorAt(k) : FigurePalette.Neutral;
            HorizontalLine h = plot.Add.HorizontalLine(y, AnnotationWidth, color, LinePattern.Dashed);
            h.LegendText = FigureText.Display(line.Label);
            h.ExcludeFromLegend = false;
            Plotted.Add(new PlottedPoint(panelIndex, line.Label, "hline", double.NaN, line.Y, null, null));
            ysUsed.Add(y);
        }
    }

    private void AddVerticalMarkers()
    {
        foreach (VerticalMarker marker in panel.VerticalMarkers)
        {
            if (!xScale.TryMap(marker.X, out double x))
            {
                Warnings.Add($"panel {panelIndex}, marker '{marker.Label}' at {marker.X} not drawn (must be {xScale.Rule})");
                continue;
            }
            Color color = marker.PaletteIndex is int k ? FigurePalette.ColorAt(k) : FigurePalette.Neutral;
            VerticalLine v = plot.Add.VerticalLine(x, AnnotationWidth, color, LinePattern.Dotted);
            v.LegendText = FigureText.Display(marker.Label);
            v.ExcludeFromLegend = false;
            Plotted.Add(new PlottedPoint(panelIndex, marker.Label, "vline", marker.X, double.NaN, null, null));
            xsUsed.Add(x);
        }
    }

    private void Style()
    {
        plot.Title(FigureText.Display(panel.Title));
        plot.XLabel(FigureText.Display(panel.XLabel));
        plot.YLabel(FigureText.Display(panel.YLabel));
        plot.Font.Set(FigureFonts.Family);
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = false;
        foreach (ScottPlot.IAxis axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = LabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize;
        }
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.10);
        plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.04);
        plot.Grid.MinorLineWidth = 1;

        AxisRanges.Apply(plot, xsUsed, panel.LogX, horizontal: true);
        AxisRanges.Apply(plot, ysUsed, panel.LogY, horizontal: false);
        if (xsUsed.Count == 0 && ysUsed.Count == 0)
        {
            var note = plot.Add.Text("no data", AxisRanges.Centre(plot));
            note.LabelFontName = FigureFonts.Family;
            note.LabelFontSize = LabelSize;
            note.LabelFontColor = FigurePalette.Neutral;
            note.LabelAlignment = Alignment.MiddleCenter;
        }

        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.FontName = FigureFonts.Family;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.3);
        if (panel.Legend == LegendPosition.None) plot.HideLegend();
        else plot.ShowLegend(panel.Legend switch
        {
            LegendPosition.UpperLeft => Alignment.UpperLeft,
            LegendPosition.LowerRight => Alignment.LowerRight,
            LegendPosition.LowerLeft => Alignment.LowerLeft,
            _ => Alignment.UpperRight,
        });
    }
}
