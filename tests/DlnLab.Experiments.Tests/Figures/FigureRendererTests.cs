using System.Globalization;
using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Tests.Figures;

public sealed class FigureRendererTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dlnlab-figure-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static readonly byte[] pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static FigureSpec LogLogWithBands()
    {
        double[] xs = [1e-3, 1e-2, 1e-1, 1];
        var gd = new SeriesSpec("GD", xs, [0.2, 0.21, 0.3, 0.5]).WithBand([0.18, 0.19, 0.25, 0.4], [0.22, 0.23, 0.35, 0.6]);
        var sgd = new SeriesSpec("SGD", xs, [0.2, 0.18, 0.1, 0.05]).WithBand([0.17, 0.16, 0.08, 0.04], [0.23, 0.2, 0.12, 0.07]);
        return FigureSpec.Single("loglog", new PanelSpec
        {
            Title = "Test loss",
            XLabel = "stepsize gamma",
            YLabel = "test loss at convergence",
            LogX = true,
            LogY = true,
            Series = [gd, sgd],
            ReferenceLines = [new ReferenceLine(0.2, "gradient flow")],
            VerticalMarkers = [new VerticalMarker(0.5, "largest convergent GD", 0)],
        });
    }

    [Fact]
    public void LogLogFigureWithBandsWritesPngSvgAndCsvOfThePlottedPoints()
    {
        FigureSpec figure = LogLogWithBands();
        FigureOutput output = FigureRenderer.Render(figure, folder);

        byte[] png = File.ReadAllBytes(output.PngPath);
        Assert.Equal(pngSignature, png[..8]);
        Assert.True(png.Length > 20_000, $"PNG has only {png.Length} bytes");
        Assert.Equal(1600, ReadBigEndian(png, 16)); // IHDR width: 800 px panel at PngScale 2
        Assert.Equal(1000, ReadBigEndian(png, 20));

        string svg = File.ReadAllText(output.SvgPath);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("stepsize gamma", svg);
        Assert.Contains("test loss at convergence", svg);
        Assert.Contains("DejaVu Sans", svg);
        // An unfilled full-size rect outside a clipPath would paint the figure black in some viewers.
        Assert.Single(svg.Split('\n'), l => l.Trim() == "<rect width=\"800\" height=\"500\"/>");

        var rows = ReadCsv(output.CsvPath).Where(r => r[2] == "point").ToList();
        var expected = figure.Panels[0].Series.SelectMany(s => s.Xs.Select((x, i) =>
            new[] { "0", s.Name, "point", Format(x), Format(s.Ys[i]), Format(s.Lower![i]), Format(s.Upper![i]) })).ToList();
        Assert.Equal(expected, rows);
        Assert.Contains(ReadCsv(output.CsvPath), r => r[2] == "hline" && r[1] == "gradient flow" && r[4] == "0.2");
        Assert.Contains(ReadCsv(output.CsvPath), r => r[2] == "vline" && r[3] == "0.5");
        Assert.Equal(0, output.DroppedPoints);
        Assert.Empty(output.Warnings);
        Assert.Equal(["loglog.csv", "loglog.png", "loglog.svg"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    [Fact]
    public void NonFiniteAndNonPositiveValuesOnLogAxesAreDroppedAndReported()
    {
        double[] xs = [0.001, -0.01, 0.1, double.NaN, 1, 10];
        double[] ys = [0.2, 0.3, 0, 0.4, double.PositiveInfinity, 0.5];
        var series = new SeriesSpec("bad", xs, ys).WithBand([0.1, 0.1, 0.1, 0.1, 0.1, -1], [0.3, 0.4, 0.5, 0.5, 0.5, 0.6]);
        var figure = FigureSpec.Single("bad", new PanelSpec
        {
            XLabel = "x", YLabel = "y", LogX = true, LogY = true, Series = [series],
            ReferenceLines = [new ReferenceLine(-1, "negative"), new ReferenceLine(double.NaN, "nan")],
            VerticalMarkers = [new VerticalMarker(0, "zero")],
        });

        FigureOutput output = FigureRenderer.Render(figure, folder);

        Assert.Equal(4, output.DroppedPoints); // x < 0, y = 0, x NaN, y infinite
        Assert.Equal(1, output.DroppedBandValues); // lower edge -1 at x = 10
        var points = ReadCsv(output.CsvPath).Where(r => r[2] == "point").ToList();
        Assert.Equal([["0", "bad", "point", "0.001", "0.2", "0.1", "0.3"], ["0", "bad", "point", "10", "0.5", "nan", "nan"]], points);
        Assert.DoesNotContain(ReadCsv(output.CsvPath), r => r[2] is "hline" or "vline");
        Assert.Contains(output.Warnings, w => w.Contains("'bad'") && w.Contains("4 point(s)"));
        Assert.Contains(output.Warnings, w => w.Contains("band left out at 1"));
        Assert.Contains(output.Warnings, w => w.Contains("'negative'"));
        Assert.Contains(output.Warnings, w => w.Contains("'nan'"));
        Assert.Contains(output.Warnings, w => w.Contains("'zero'"));
        Assert.DoesNotContain("NaN", File.ReadAllText(output.SvgPath));
    }

    [Fact]
    public void EmptySeriesAndEmptyPanelsRenderALabelledFrame()
    {
        var figure = new FigureSpec
        {
            Name = "empty",
            Panels =
            [
                new PanelSpec { Title = "nothing", XLabel = "stepsize", YLabel = "loss", LogX = true, LogY = true, Series = [new SeriesSpec("none", [], [])] },
                new PanelSpec { XLabel = "coordinate", YLabel = "gain" },
            ],
        };

        FigureOutput output = FigureRenderer.Render(figure, folder);

        Assert.Equal(pngSignature, File.ReadAllBytes(output.PngPath)[..8]);
        string svg = File.ReadAllText(output.SvgPath);
        Assert.Contains("stepsize", svg);
        Assert.Contains("coordinate", svg);
        Assert.Contains("no data", svg);
        Assert.Equal([PlottedPointsCsv.Header], File.ReadAllLines(output.CsvPath));
        Assert.Contains(output.Warnings, w => w.Contains("'none'") && w.Contains("nothing to draw"));
    }

    [Fact]
    public void AllSeriesStylesRenderAndAnnotationsAppearInTheCsv()
    {
        double[] xs = [1, 2, 3, 4];
        var panel = new PanelSpec
        {
            XLabel = "i", YLabel = "v",
            Series =
            [
                new SeriesSpec("bars a", xs, [1, 2, 3, 2]) { Style = SeriesStyle.Bars }.WithBand([0.5, 1.5, 2.5, 1.5], [1.5, 2.5, 3.5, 2.5]),
                new SeriesSpec("bars b", xs, [2, 1, 2, 1]) { Style = SeriesStyle.Bars },
                new SeriesSpec("steps", xs, [0.5, 1, 1.5, 3]) { Style = SeriesStyle.Steps },
                new SeriesSpec("line", xs, [3, 2, 1, 0]) { Style = SeriesStyle.Line },
                new SeriesSpec("markers", xs, [1, 1, 1, 1]) { Style = SeriesStyle.Markers }.WithBand([0, 0, 0, 0], [2, 2, 2, 2]),
            ],
            ShadedXRanges = [new ShadedXRange(1.5, 2.5, "support"), new ShadedXRange(3.5, 4.5, "support")],
            Legend = LegendPosition.None,
        };

        FigureOutput output = FigureRenderer.Render(FigureSpec.Single("styles", panel), folder);

        Assert.Equal(20, output.Plotted.Count(p => p.Kind == "point"));
        Assert.Equal(2, output.Plotted.Count(p => p.Kind == "xrange"));
        Assert.Contains(ReadCsv(output.CsvPath), r => r[2] == "xrange" && r[5] == "3.5" && r[6] == "4.5");
        Assert.Empty(output.Warnings);
    }

    [Fact]
    public void MalformedSpecsThrowNamingTheProblem()
    {
        var mismatched = FigureSpec.Single("m", new PanelSpec { XLabel = "x", YLabel = "y", Series = [new SeriesSpec("s", [1, 2], [1])] });
        Assert.Contains("Xs has 2 values but Ys has 1", Assert.Throws<ArgumentException>(() => FigureRenderer.Render(mismatched, folder)).Message);
        var badName = FigureSpec.Single("../x", new PanelSpec { XLabel = "x", YLabel = "y" });
        Assert.Contains("figure name", Assert.Throws<ArgumentException>(() => FigureRenderer.Render(badName, folder)).Message);
        Assert.Throws<ArgumentException>(() => FigureRenderer.Render(new FigureSpec { Name = "none", Panels = [] }, folder));
    }

    [Theory]
    [InlineData(-3, "10⁻³")]
    [InlineData(0, "1")]
    [InlineData(1, "10")]
    [InlineData(12, "10¹²")]
    public void PowersOfTenAreLabelledWithSuperscripts(int exponent, string label) =>
        Assert.Equal(label, LogTicks.PowerOfTen(exponent));

    [Fact]
    public void LogTicksLabelDecadesOnWideAxesAndOneTwoFiveOnNarrowOnes()
    {
        var wide = LogTicks.Compute(-6.2, 1.1);
        Assert.Equal(["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1", "10"], wide.Where(t => t.Label is not null).Select(t => t.Label!).ToArray());
        var narrow = LogTicks.Compute(Math.Log10(0.08), Math.Log10(0.3));
        Assert.Equal(["0.1", "0.2"], narrow.Where(t => t.Label is not null).Select(t => t.Label!).ToArray());
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    private static List<string[]> ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(PlottedPointsCsv.Header, lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }
}
