using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Reports;

/// <summary>Writes report.md and report.html for a <see cref="ReportModel"/>, each to a temporary name then renamed.
/// Figure files are linked relative to the report's folder; the renderer should have written them there.</summary>
public static class ReportWriter
{
    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>Writes both reports into <paramref name="directory"/> (created if missing).</summary>
    public static ReportOutput Write(ReportModel model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.Title)) throw new ArgumentException("report title must not be empty", nameof(model));
        var duplicate = model.Figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"figure name '{duplicate.Key}' appears {duplicate.Count()} times; names must be unique", nameof(model));

        Directory.CreateDirectory(directory);
        string full = Path.GetFullPath(directory);
        var output = new ReportOutput(Path.Combine(full, MarkdownFile), Path.Combine(full, HtmlFile));
        AtomicFile.WriteAllText(output.MarkdownPath, MarkdownReport.Render(model));
        AtomicFile.WriteAllText(output.HtmlPath, HtmlReport.Render(model));
        return output;
    }
}
