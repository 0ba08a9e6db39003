namespace DlnLab.Experiments.Reports;

/// <summary>Paths of the files <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="MarkdownPath">Full path of report.md.</param>
/// <param name="HtmlPath">Full path of report.html.</param>
public sealed record ReportOutput(string MarkdownPath, string HtmlPath);
