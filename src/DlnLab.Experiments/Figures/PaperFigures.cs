namespace DlnLab.Experiments.Figures;

/// <summary>The layouts of the report's figures (MATH.md, "What the report shows") and the new batch-size figure,
/// built from already summarised numbers; a figure never recomputes anything.</summary>
/// <remarks>Series keep the palette index given to them, so GD and SGD (or a batch size) have one colour throughout;
/// a series without one is numbered in order.</remarks>
public static class PaperFigures
{
    /// <summary>Figure 1: test loss at convergence against stepsize (log-log), one series per algorithm (median with
    /// interquartile band over datasets), the gradient-flow interpolator's test loss as a dashed line, and each
    /// algorithm's largest convergent stepsize as a dotted vertical line.</summary>
    public static FigureSpec TestLossAgainstStepsize(IReadOnlyList<SeriesSpec> algorithms, double gradientFlowTestLoss,
        IReadOnlyList<VerticalMarker> largestConvergentStepsizes, string name = "fig1") =>
        FigureSpec.Single(name, LogLog("Test loss at convergence", Stepsize, "test loss", algorithms) with
        {
            ReferenceLines = [new ReferenceLine(gradientFlowTestLoss, "gradient flow")],
            VerticalMarkers = largestConvergentStepsizes,
        });

    /// <summary>Figure 2: one panel per algorithm and stepsize with the shape of Gain_γ over coordinates (median and
    /// quantile band over datasets; the support of β* shaded), then the scale ‖Gain‖₁ against stepsize (log-log) for
    /// all algorithms. The panels fill the grid row by row, <paramref name="columns"/> to a row: the scale panel ends the
    /// first row (0: one row, the scale last).</summary>
    /// <param name="shapes">One series per panel: x = coordinate index (1-based), y = Gain, band = quantiles; with the
    /// stepsize it was measured at, for the panel title (e.g. "γ = 0.05 γ_max").</param>
    /// <param name="scale">One series per algorithm: x = stepsize, y = ‖Gain‖₁.</param>
    /// <param name="support">1-based indices of the nonzero coordinates of β*.</param>
    /// <param name="columns">Grid columns (0: all panels in one row).</param>
    /// <param name="name">The figure's name (its file names).</param>
    public static FigureSpec GainShapeAndScale(IReadOnlyList<(SeriesSpec Shape, string At)> shapes, IReadOnlyList<SeriesSpec> scale,
        IReadOnlyList<int> support, int columns = 0, string name = "fig2")
    {
        var panels = shapes
            .Select((p, i) => OverCoordinates($"Shape of Gain: {p.Shape.Name}, {p.At}", "Gain_γ,i",
                [p.Shape.PaletteIndex is null ? p.Shape with { PaletteIndex = i } : p.Shape], SeriesStyle.Markers, support))
            .ToList();
        int first = columns == 0 ? panels.Count : Math.Min(columns - 1, panels.Count);
        panels.Insert(first, LogLog("Scale of Gain", Stepsize, "‖Gain_γ‖₁", scale));
        return new FigureSpec { Name = name, Panels = panels, Columns = columns == 0 ? panels.Count : columns, PanelWidth = 640, PanelHeight = 480 };
    }

    /// <summary>Figure 3: ‖β∞ − β*‖₂ against stepsize (log-log), one series per algorithm.</summary>
    public static FigureSpec DistanceToBetaStarAgainstStepsize(IReadOnlyList<SeriesSpec> algorithms,
        IReadOnlyList<VerticalMarker> largestConvergentStepsizes, string name = "fig3") =>
        FigureSpec.Single(name, LogLog("Recovery of β*", Stepsize, "‖β∞ − β*‖₂", algorithms) with
        {
            VerticalMarkers = largestConvergentStepsizes,
        });

    /// <summary>Figure 4: test loss against batch size b (log-log; one series per relative stepsize γ/γ_max), and the
    /// shape of Gain over coordinates for each batch size at one relative stepsize.</summary>
    /// <param name="testLoss">One series per relative stepsize: x = b, y = test loss, band = interquartile range.</param>
    /// <param name="shapes">One series per batch size: x = coordinate index, y = Gain (normalised or not, as given).</param>
    /// <param name="support">1-based indices of the nonzero coordinates of β*.</param>
    /// <param name="shapeRelativeStepsize">The γ/γ_max at which the shapes were measured, for the title.</param>
    /// <param name="name">The figure's name (its file names).</param>
    /// <param name="shapeLabel">The y-axis label of the shape panels.</param>
    public static FigureSpec BatchSizeEffect(IReadOnlyList<SeriesSpec> testLoss, IReadOnlyList<SeriesSpec> shapes,
        IReadOnlyList<int> support, double shapeRelativeStepsize, string name = "fig4", string shapeLabel = "Gain_γ,i") => new()
    {
        Name = name,
        Columns = 2,
        Panels =
        [
            LogLog("Test loss against batch size", "batch size b", "test loss", testLoss),
            OverCoordinates($"Shape of Gain, γ/γ_max = {shapeRelativeStepsize:G3}", shapeLabel, Numbered(shapes), SeriesStyle.LineMarkers, support),
        ],
    };

    /// <summary>One shaded unit-wide range per support coordinate, all under one legend entry.</summary>
    private static IReadOnlyList<ShadedXRange> SupportRanges(IReadOnlyList<int> support) =>
        support.Select(i => new ShadedXRange(i - 0.5, i + 0.5, "support of β*")).ToArray();

    private const string Stepsize = "stepsize γ";

    /// <summary>A log-log panel of numbered series, legend upper left.</summary>
    private static PanelSpec LogLog(string title, string xLabel, string yLabel, IReadOnlyList<SeriesSpec> series) => new()
    {
        Title = title,
        XLabel = xLabel,
        YLabel = yLabel,
        LogX = true,
        LogY = true,
        Series = Numbered(series),
        Legend = LegendPosition.UpperLeft,
    };

    /// <summary>A panel over coordinates 1..d (categories: never joined by lines) with the support of β* shaded, every
    /// series drawn in one style.</summary>
    private static PanelSpec OverCoordinates(string title, string yLabel, IEnumerable<SeriesSpec> series, SeriesStyle style,
        IReadOnlyList<int> support) => new()
    {
        Title = title,
        XLabel = "coordinate i",
        YLabel = yLabel,
        CategoricalX = true,
        Series = series.Select(s => s with { Style = style }).ToArray(),
        ShadedXRanges = SupportRanges(support),
    };

    private static SeriesSpec[] Numbered(IReadOnlyList<SeriesSpec> series) =>
        series.Select((s, i) => s.PaletteIndex is null ? s with { PaletteIndex = i } : s).ToArray();
}
