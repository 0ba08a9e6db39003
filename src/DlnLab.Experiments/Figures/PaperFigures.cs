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
        FigureSpec.Single(name, new PanelSpec
        {
            Title = "Test loss at convergence",
            XLabel = "stepsize γ",
            YLabel = "test loss",
            LogX = true,
            LogY = true,
            Series = Numbered(algorithms),
            ReferenceLines = [new ReferenceLine(gradientFlowTestLoss, "gradient flow")],
            VerticalMarkers = largestConvergentStepsizes,
            Legend = LegendPosition.UpperLeft,
        });

    /// <summary>Figure 2: one panel per algorithm with the shape of Gain_γ over coordinates (mean and spread over
    /// datasets; the support of β* shaded), then the scale ‖Gain‖₁ against stepsize (log-log) for all algorithms.</summary>
    /// <param name="shapes">One series per algorithm: x = coordinate index (1-based), y = Gain, band = spread.</param>
    /// <param name="scale">One series per algorithm: x = stepsize, y = ‖Gain‖₁.</param>
    /// <param name="support">1-based indices of the nonzero coordinates of β*.</param>
    /// <param name="shapeStepsize">The stepsize the shapes were measured at, for the panel titles (e.g. "γ = γ_max").</param>
    public static FigureSpec GainShapeAndScale(IReadOnlyList<SeriesSpec> shapes, IReadOnlyList<SeriesSpec> scale,
        IReadOnlyList<int> support, string shapeStepsize, string name = "fig2")
    {
        var panels = new List<PanelSpec>();
        var numberedShapes = Numbered(shapes);
        foreach (SeriesSpec shape in numberedShapes)
        {
            panels.Add(new PanelSpec
            {
                Title = $"Shape of Gain: {shape.Name}, {shapeStepsize}",
                XLabel = "coordinate i",
                YLabel = "Gain_γ,i",
                Series = [shape with { Style = SeriesStyle.Markers }],
                ShadedXRanges = SupportRanges(support),
            });
        }
        panels.Add(new PanelSpec
        {
            Title = "Scale of Gain",
            XLabel = "stepsize γ",
            YLabel = "‖Gain_γ‖₁",
            LogX = true,
            LogY = true,
            Series = Numbered(scale),
            Legend = LegendPosition.UpperLeft,
        });
        return new FigureSpec { Name = name, Panels = panels, Columns = panels.Count, PanelWidth = 640, PanelHeight = 480 };
    }

    /// <summary>Figure 3: ‖β∞ − β*‖₂ against stepsize (log-log), one series per algorithm.</summary>
    public static FigureSpec DistanceToBetaStarAgainstStepsize(IReadOnlyList<SeriesSpec> algorithms,
        IReadOnlyList<VerticalMarker> largestConvergentStepsizes, string name = "fig3") =>
        FigureSpec.Single(name, new PanelSpec
        {
            Title = "Recovery of β*",
            XLabel = "stepsize γ",
            YLabel = "‖β∞ − β*‖₂",
            LogX = true,
            LogY = true,
            Series = Numbered(algorithms),
            VerticalMarkers = largestConvergentStepsizes,
            Legend = LegendPosition.UpperLeft,
        });

    /// <summary>Figure 4: test loss against batch size b (log-log; one series per relative stepsize γ/γ_max), and the
    /// shape of Gain over coordinates for each batch size at one relative stepsize.</summary>
    /// <param name="testLoss">One series per relative stepsize: x = b, y = test loss, band = interquartile range.</param>
    /// <param name="shapes">One series per batch size: x = coordinate index, y = Gain (normalised or not, as given).</param>
    /// <param name="support">1-based indices of the nonzero coordinates of β*.</param>
    /// <param name="shapeRelativeStepsize">The γ/γ_max at which the shapes were measured, for the title.</param>
    public static FigureSpec BatchSizeEffect(IReadOnlyList<SeriesSpec> testLoss, IReadOnlyList<SeriesSpec> shapes,
        IReadOnlyList<int> support, double shapeRelativeStepsize, string name = "fig4", string shapeLabel = "Gain_γ,i") => new()
    {
        Name = name,
        Columns = 2,
        Panels =
        [
            new PanelSpec
            {
                Title = "Test loss against batch size",
                XLabel = "batch size b",
                YLabel = "test loss",
                LogX = true,
                LogY = true,
                Series = Numbered(testLoss),
                Legend = LegendPosition.UpperLeft,
            },
            new PanelSpec
            {
                Title = $"Shape of Gain, γ/γ_max = {shapeRelativeStepsize:G3}",
                XLabel = "coordinate i",
                YLabel = shapeLabel,
                Series = Numbered(shapes).Select(s => s with { Style = SeriesStyle.LineMarkers }).ToArray(),
                ShadedXRanges = SupportRanges(support),
            },
        ],
    };

    /// <summary>One shaded unit-wide range per support coordinate, all under one legend entry.</summary>
    public static IReadOnlyList<ShadedXRange> SupportRanges(IReadOnlyList<int> support) =>
        support.Select(i => new ShadedXRange(i - 0.5, i + 0.5, "support of β*")).ToArray();

    private static SeriesSpec[] Numbered(IReadOnlyList<SeriesSpec> series) =>
        series.Select((s, i) => s.PaletteIndex is null ? s with { PaletteIndex = i } : s).ToArray();
}
