using ScottPlot;
using SkiaSharp;

namespace DlnLab.Experiments.Figures;

/// <summary>Renders a <see cref="FigureSpec"/> to Name.png, Name.svg and Name.csv (exactly the numbers drawn), each
/// written to a temporary file and renamed into place, and builds its interactive chart from the same numbers.</summary>
/// <remarks>Values that cannot be drawn (NaN, infinities, non-positive values on log axes) are left out and reported
/// in <see cref="FigureOutput"/>, never drawn and never thrown; only a malformed spec (empty name, no panels,
/// mismatched series lengths, sizes out of range) throws <see cref="ArgumentException"/>.</remarks>
public static class FigureRenderer
{
    /// <summary>Renders the figure into <paramref name="directory"/> (created if missing).</summary>
    public static FigureOutput Render(FigureSpec figure, string directory)
    {
        Validate(figure);
        FigureFonts.EnsureRegistered();
        Directory.CreateDirectory(directory);

        int columns = figure.Columns <= 0 ? figure.Panels.Count : Math.Min(figure.Columns, figure.Panels.Count);
        int rows = (figure.Panels.Count + columns - 1) / columns;
        int width = columns * figure.PanelWidth, height = rows * figure.PanelHeight;

        var plots = new List<Plot>();
        var plotted = new List<PlottedPoint>();
        var warnings = new List<string>();
        int dropped = 0, droppedBand = 0;
        for (int i = 0; i < figure.Panels.Count; i++)
        {
            var builder = new PanelBuilder(figure.Panels[i], i);
            plots.Add(builder.Build());
            plotted.AddRange(builder.Plotted);
            warnings.AddRange(builder.Warnings);
            dropped += builder.DroppedPoints;
            droppedBand += builder.DroppedBandValues;
        }

        string basePath = Path.Combine(Path.GetFullPath(directory), figure.Name);
        var output = new FigureOutput(basePath + ".png", basePath + ".svg", basePath + ".csv", plotted, dropped, droppedBand, warnings)
        {
            ChartSpec = InteractiveChart.Spec(figure, plotted),
        };
        // CSV first: if drawing fails, the numbers are still there to inspect.
        AtomicFile.WriteAllText(output.CsvPath, PlottedPointsCsv.Format(plotted));
        AtomicFile.WriteAllBytes(output.PngPath, RenderPng(plots, columns, figure, width, height));
        AtomicFile.WriteAllBytes(output.SvgPath, RenderSvg(plots, columns, figure, width, height));
        return output;
    }

    private static byte[] RenderPng(List<Plot> plots, int columns, FigureSpec figure, int width, int height)
    {
        float scale = (float)figure.PngScale;
        var info = new SKImageInfo((int)Math.Round(width * scale), (int)Math.Round(height * scale));
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"could not create a {info.Width}x{info.Height} drawing surface");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        DrawPanels(canvas, plots, columns, figure);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte[] RenderSvg(List<Plot> plots, int columns, FigureSpec figure, int width, int height)
    {
        using var stream = new MemoryStream();
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(new SKRect(0, 0, width, height), white);
            DrawPanels(canvas, plots, columns, figure);
        }
        string svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return System.Text.Encoding.UTF8.GetBytes(SvgCleanup.RemoveTransparentClears(svg, width, height));
    }

    private static void DrawPanels(SKCanvas canvas, List<Plot> plots, int columns, FigureSpec figure)
    {
        for (int i = 0; i < plots.Count; i++)
        {
            float left = (i % columns) * figure.PanelWidth, top = (i / columns) * figure.PanelHeight;
            // ScottPlot clears the whole canvas before drawing a plot; the clip keeps it inside the panel's cell.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + figure.PanelWidth, top + figure.PanelHeight));
            plots[i].Render(canvas, new PixelRect(left, left + figure.PanelWidth, top + figure.PanelHeight, top));
            canvas.Restore();
        }
    }

    private static void Validate(FigureSpec figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (string.IsNullOrEmpty(figure.Name) || figure.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            || figure.Name.StartsWith('.'))
            throw new ArgumentException($"figure name '{figure.Name}' must be non-empty, use only letters, digits, '-', '_' and '.', and not start with '.'", nameof(figure));
        if (figure.Panels is null || figure.Panels.Count == 0)
            throw new ArgumentException($"figure '{figure.Name}' must have at least one panel", nameof(figure));
        if (figure.PanelWidth is < 100 or > 4000 || figure.PanelHeight is < 100 or > 4000)
            throw new ArgumentException($"figure '{figure.Name}': panel size {figure.PanelWidth}x{figure.PanelHeight} must be between 100 and 4000 pixels each way", nameof(figure));
        if (!(figure.PngScale >= 1 && figure.PngScale <= 4))
            throw new ArgumentException($"figure '{figure.Name}': PngScale {figure.PngScale} must be between 1 and 4", nameof(figure));
    }
}
