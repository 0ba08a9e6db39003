using System.Text;

namespace DlnLab.Experiments.Reports;

/// <summary>Renders a <see cref="ReportModel"/> as Markdown with the PNGs embedded by relative link.</summary>
internal static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(model.Title)).Append("\n\n");
        if (model.Summary.Length > 0) md.Append(Inline(model.Summary)).Append("\n\n");

        md.Append("## Provenance\n\n");
        md.Append("| | |\n|---|---|\n");
        foreach (var (key, value) in ReportFormat.Provenance(model)) Row(md, key, value);
        md.Append('\n');

        if (model.Settings.Count > 0)
        {
            md.Append("## Settings\n\n| Setting | Value |\n|---|---|\n");
            foreach (var (key, value) in model.Settings) Row(md, key, value);
            md.Append('\n');
        }

        md.Append("## Figures\n\n");
        foreach (ReportFigure figure in model.Figures)
        {
            md.Append("<a id=\"").Append(HtmlReport.Escape(figure.Name)).Append("\"></a>\n\n");
            md.Append("### ").Append(Inline(figure.Caption)).Append("\n\n");
            md.Append("![").Append(Inline(figure.Caption)).Append("](").Append(ReportFormat.Link(figure.PngFile)).Append(")\n\n");
            md.Append(Inline(figure.WhatItShows)).Append("\n\n");
            md.Append("Runs: ").Append(ReportFormat.Count(figure.Runs)).Append(" (converged: ")
              .Append(ReportFormat.Count(figure.ConvergedRuns)).Append("). Files: [SVG](")
              .Append(ReportFormat.Link(figure.SvgFile)).Append("), [CSV of the plotted numbers](")
              .Append(ReportFormat.Link(figure.CsvFile)).Append(").\n\n");
            foreach (string warning in figure.Warnings) md.Append("- Not drawn: ").Append(Inline(warning)).Append('\n');
            if (figure.Warnings.Count > 0) md.Append('\n');
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string key, string value) =>
        md.Append("| ").Append(Cell(key)).Append(" | ").Append(Cell(value)).Append(" |\n");

    private static string Cell(string text) => Inline(text).Replace("|", "\\|");

    /// <summary>Keeps user text on one line and stops it from opening HTML tags; Markdown emphasis is left alone.</summary>
    private static string Inline(string text) =>
        text.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");
}
