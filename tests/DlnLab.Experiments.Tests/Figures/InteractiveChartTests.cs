using System.Text.Json;
using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>The interactive chart's specification: drawn from exactly the CSV's rows, one chart per panel with the
/// panel's labels and log axes, legend-toggled series and zoom; and the HTML report inlining the libraries it needs.</summary>
public sealed class InteractiveChartTests
{
    private static FigureSpec TwoPanels()
    {
        double[] xs = [1e-3, 1e-2, 0.1];
        var gd = new SeriesSpec("GD", xs, [0.2, 0.21, double.NaN]).WithBand([0.18, 0.19, 0.25], [0.22, 0.23, 0.35]);
        var sgd = new SeriesSpec("SGD <b>", xs, [0.2, 0.1, 0.05]) { Style = SeriesStyle.Markers };
        var shape = new SeriesSpec("Gain", [1, 2, 3], [1.5, 0.5, -0.25]);
        return new FigureSpec
        {
            Name = "chart",
            Columns = 3,
            Panels =
            [
                new PanelSpec
                {
                    Title = "Test loss", XLabel = "stepsize γ", YLabel = "test loss", LogX = true, LogY = true, Series = [gd, sgd],
                    ReferenceLines = [new ReferenceLine(0.15, "gradient flow")], VerticalMarkers = [new VerticalMarker(0.05, "largest", 0)],
                },
                new PanelSpec { XLabel = "", YLabel = "" },
                new PanelSpec { XLabel = "coordinate i", YLabel = "Gain", Series = [shape], ShadedXRanges = [new ShadedXRange(0.5, 1.5, "support")] },
            ],
        };
    }

    [Fact]
    public void TheChartHoldsExactlyTheCsvRowsOneChartPerPanelWithItsAxes() => InFolder(folder =>
    {
        FigureOutput output = FigureRenderer.Render(TwoPanels(), folder);
        using JsonDocument spec = JsonDocument.Parse(output.ChartSpec);
        JsonElement root = spec.RootElement;
        Assert.Equal(InteractiveChart.Schema, root.GetProperty("$schema").GetString());

        // The empty filler panel has no chart; the others one each, in order.
        var charts = root.GetProperty("vconcat").EnumerateArray().ToList();
        Assert.Equal(["panel0", "panel2"], charts.Select(c => c.GetProperty("name").GetString()));

        // Every row of the CSV (the renderer's plotted points), every number bit for bit, nothing else.
        var fromChart = new List<PlottedPoint>();
        foreach (var (data, panel) in new[] { ("panel0", 0), ("panel2", 2) })
            foreach (JsonElement row in root.GetProperty("datasets").GetProperty(data).EnumerateArray())
                fromChart.Add(new PlottedPoint(panel, row.GetProperty("series").GetString()!, row.GetProperty("kind").GetString()!,
                    Number(row, "x") ?? double.NaN, Number(row, "y") ?? double.NaN, Number(row, "lower"), Number(row, "upper")));
        Assert.Equal(output.Plotted, fromChart);
        Assert.Contains(output.Plotted, p => p.Kind == "xrange");

        // Log axes where the panel has them, linear elsewhere; axis titles from the panel.
        JsonElement x0 = Encoding(charts[0], "x"), y0 = Encoding(charts[0], "y"), x2 = Encoding(charts[1], "x");
        Assert.Equal(("log", "log", "linear"), (Scale(x0), Scale(y0), Scale(x2)));
        Assert.Equal(("stepsize γ", "test loss"), (x0.GetProperty("title").GetString(), y0.GetProperty("title").GetString()));
        Assert.Equal("Test loss", charts[0].GetProperty("title").GetString());

        // The legend lists every series and annotation with the static figure's colours; a legend click toggles one.
        JsonElement first = charts[0].GetProperty("layer")[0];
        JsonElement colour = first.GetProperty("encoding").GetProperty("color").GetProperty("scale");
        Assert.Equal(["GD", "SGD <b>", "gradient flow", "largest"], colour.GetProperty("domain").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([FigurePalette.HexAt(0), FigurePalette.HexAt(1), FigurePalette.NeutralHex, FigurePalette.HexAt(0)],
            colour.GetProperty("range").EnumerateArray().Select(e => e.GetString()));
        var parameters = first.GetProperty("params").EnumerateArray().ToList();
        Assert.Contains(parameters, p => p.GetProperty("bind").ValueKind == JsonValueKind.String && p.GetProperty("bind").GetString() == "scales");
        Assert.Contains(parameters, p => p.GetProperty("bind").ValueKind == JsonValueKind.String && p.GetProperty("bind").GetString() == "legend");

        // Safe inside an HTML script element.
        Assert.DoesNotContain("<", output.ChartSpec);
    });

    [Fact]
    public void TheHtmlReportInlinesTheLibrariesAndEachFiguresChartAndNothingWithoutCharts() => InFolder(folder =>
    {
        FigureOutput output = FigureRenderer.Render(TwoPanels(), folder);
        var model = new ReportModel
        {
            Title = "t", SoftwareVersion = "v",
            Figures = [ReportFigure.From(output, "caption", "what", 1, 1)],
        };
        string html = File.ReadAllText(ReportWriter.Write(model, folder).HtmlPath);
        foreach (string library in new[] { "vega.min.js", "vega-lite.min.js", "vega-embed.min.js" })
            Assert.Contains($"<script>/* {library} (BSD-3-Clause) */", html);
        Assert.Contains("<div class=\"chart\" id=\"chart-chart\"></div>", html);
        Assert.Contains("<script type=\"application/json\" data-chart-for=\"chart\">" + output.ChartSpec + "</script>", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("sourceMappingURL", html);
        Assert.Contains("<img src=\"chart.png\"", html);

        string plain = File.ReadAllText(ReportWriter.Write(model with { Figures = [ReportFigure.From(output, "c", "w", 1, 1) with { ChartSpec = "" }] }, folder).HtmlPath);
        Assert.DoesNotContain("<script", plain);
    });

    [Fact]
    public void ACategoricalPanelJoinsNothingAcrossCategories()
    {
        var measured = new SeriesSpec("measured", [1, 2, 3], [1.5, 0.5, 1]).WithBand([1, 0.4, 0.9], [2, 0.6, 1.1]);
        var other = new SeriesSpec("other", [1, 2, 3], [1.2, 0.7, 1.1]) { Style = SeriesStyle.Markers };
        var predicted = new SeriesSpec("predicted", [1, 2, 3], [1.4, 0.6, 1]) { Style = SeriesStyle.Line };
        var panel = new PanelSpec { XLabel = "coordinate i", YLabel = "Gain", CategoricalX = true, Series = [measured, other, predicted] };
        var figure = FigureSpec.Single("categories", panel);
        var plotted = figure.Panels[0].Series.SelectMany(s => s.Xs.Select((x, i) => new PlottedPoint(0, s.Name, "point", x, s.Ys[i], s.Lower?[i], s.Upper?[i]))).ToList();
        using JsonDocument spec = JsonDocument.Parse(InteractiveChart.Spec(figure, plotted));
        var marks = spec.RootElement.GetProperty("vconcat")[0].GetProperty("layer").EnumerateArray()
            .Select(l => l.GetProperty("mark").GetProperty("type").GetString()).ToList();
        Assert.DoesNotContain("line", marks);
        Assert.DoesNotContain("area", marks);

        // The static figure too: no joined scatter, no filled band; the line series one bar per category.
        var plot = new PanelBuilder(panel, 0).Build();
        var scatters = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(2, scatters.Count);
        Assert.All(scatters, s => Assert.Equal(0, s.LineWidth));
        Assert.Empty(plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
        Assert.Equal(3, plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>().Count());
        // Side by side: the two marker series stand at different offsets within each category.
        Assert.NotEqual(scatters[0].Data.GetScatterPoints()[0].X, scatters[1].Data.GetScatterPoints()[0].X);
    }

    private static void InFolder(Action<string> test)
    {
        string folder = Directory.CreateTempSubdirectory("dlnlab-chart-").FullName;
        try { test(folder); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static JsonElement Encoding(JsonElement chart, string channel) => chart.GetProperty("layer")[0].GetProperty("encoding").GetProperty(channel);

    private static string? Scale(JsonElement axis) => axis.GetProperty("scale").GetProperty("type").GetString();

    private static double? Number(JsonElement row, string key) => row.TryGetProperty(key, out JsonElement value) ? value.GetDouble() : null;
}
