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
