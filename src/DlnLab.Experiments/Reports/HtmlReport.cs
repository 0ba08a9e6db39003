using System.Net;
using System.Text;

namespace DlnLab.Experiments.Reports;

/// <summary>Renders a <see cref="ReportModel"/> as one HTML page with its style inline and the figures linked
/// relatively, so the folder can be zipped, moved or served as is. A figure with a chart specification also gets its
/// interactive chart, drawn by the charting libraries inlined in the page (no network needed to view it).</summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 1100px; margin: 2em auto;
               padding: 0 1.2em; color: #222; line-height: 1.5; }
        h1 { font-size: 1.8em; border-bottom: 2px solid #0072B2; padding-bottom: .2em; }
        h2 { font-size: 1.35em; margin-top: 1.8em; }
        table { border-collapse: collapse; margin: .5em 0 1em; }
        th, td { border: 1px solid #ccc; padding: .3em .8em; text-align: left; vertical-align: top; }
        th { background: #f3f6f9; }
        figure { margin: 1.5em 0 2.5em; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-weight: bold; margin: .4em 0; }
        .files { color: #555; font-size: .95em; }
        .warning { color: #9a3b00; }
        .chart { margin: .8em 0; overflow-x: auto; }
        .chart-help { color: #555; font-size: .9em; margin: .2em 0; }
        """;

    /// <summary>Draws every chart whose specification the page holds; window.dlnCharts maps a figure's name to its Vega
    /// view and window.dlnChartsReady settles once all are drawn. A chart that fails says so in its place.</summary>
    private const string DrawCharts = """
        window.dlnCharts = {};
        window.dlnChartsReady = Promise.all(Array.from(document.querySelectorAll('script[data-chart-for]')).map(function (source) {
          var name = source.getAttribute('data-chart-for');
          var target = document.getElementById('chart-' + name);
          var options = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } };
          return vegaEmbed(target, JSON.parse(source.textContent), options)
            .then(function (result) { window.dlnCharts[name] = result.view; })
            .catch(function (error) { target.textContent = 'The interactive chart could not be drawn: ' + error; console.error(error); });
        }));
        """;

    public static string Render(ReportModel model)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Escape(model.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        bool charts = model.Figures.Any(f => f.ChartSpec.Length > 0);
        if (charts) html.Append(ChartLibraries.ScriptElements);
        html.Append("</head>\n<body>\n");
        html.Append("<h1>").Append(Escape(model.Title)).Append("</h1>\n");
        if (model.Summary.Length > 0) html.Append("<p>").Append(Escape(model.Summary)).Append("</p>\n");

        html.Append("<h2>Provenance</h2>\n<table>\n");
        foreach (var (key, value) in ReportFormat.Provenance(model)) Row(html, key, value);
        html.Append("</table>\n");

        if (model.Settings.Count > 0)
        {
            html.Append("<h2>Settings</h2>\n<table>\n<tr><th>Setting</th><th>Value</th></tr>\n");
            foreach (var (key, value) in model.Settings) Row(html, key, value);
            html.Append("</table>\n");
        }

        html.Append("<h2>Figures</h2>\n");
        foreach (ReportFigure figure in model.Figures)
        {
            html.Append("<figure id=\"").Append(Escape(figure.Name)).Append("\">\n");
            html.Append("<figcaption>").Append(Escape(figure.Caption)).Append("</figcaption>\n");
            html.Append("<a href=\"").Append(Escape(ReportFormat.Link(figure.SvgFile))).Append("\"><img src=\"")
                .Append(Escape(ReportFormat.Link(figure.PngFile))).Append("\" alt=\"").Append(Escape(figure.Caption)).Append("\"></a>\n");
            if (figure.ChartSpec.Length > 0)
            {
                html.Append("<p class=\"chart-help\">Interactive: drag to pan, scroll to zoom, double-click to reset; hover a point for its values; click a legend entry to hide or show it.</p>\n");
                html.Append("<div class=\"chart\" id=\"chart-").Append(Escape(figure.Name)).Append("\"></div>\n");
                // The specification's JSON escapes <, > and &, so it cannot close the element early.
                html.Append("<script type=\"application/json\" data-chart-for=\"").Append(Escape(figure.Name)).Append("\">")
                    .Append(figure.ChartSpec.Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>\n");
            }
            html.Append("<p>").Append(Escape(figure.WhatItShows)).Append("</p>\n");
            html.Append("<p class=\"files\">Runs: ").Append(ReportFormat.Count(figure.Runs)).Append(" (converged: ")
                .Append(ReportFormat.Count(figure.ConvergedRuns)).Append("). Files: <a href=\"")
                .Append(Escape(ReportFormat.Link(figure.SvgFile))).Append("\">SVG</a>, <a href=\"")
                .Append(Escape(ReportFormat.Link(figure.CsvFile))).Append("\">CSV of the plotted numbers</a>.</p>\n");
            if (figure.Warnings.Count > 0)
            {
                html.Append("<ul class=\"warning\">\n");
                foreach (string warning in figure.Warnings) html.Append("<li>Not drawn: ").Append(Escape(warning)).Append("</li>\n");
                html.Append("</ul>\n");
            }
            html.Append("</figure>\n");
        }
        if (charts) html.Append("<script>\n").Append(DrawCharts).Append("</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(Escape(key)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>\n");
}
