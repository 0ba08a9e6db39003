using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Reports;

/// <summary>One figure of a report: its files (relative to the report's folder), caption, explanation and run counts.</summary>
/// <param name="Name">Figure name, e.g. "fig1"; used as the anchor.</param>
/// <param name="Caption">One-line caption.</param>
/// <param name="WhatItShows">A short paragraph: what to look at and what the theory predicts.</param>
public sealed record ReportFigure(string Name, string Caption, string WhatItShows)
{
    /// <summary>PNG file name relative to the report. Default Name.png.</summary>
    public string PngFile { get; init; } = Name + ".png";

    /// <summary>SVG file name relative to the report. Default Name.svg.</summary>
    public string SvgFile { get; init; } = Name + ".svg";

    /// <summary>CSV of the plotted numbers, relative to the report. Default Name.csv.</summary>
    public string CsvFile { get; init; } = Name + ".csv";

    /// <summary>Runs behind the figure.</summary>
    public int Runs { get; init; }

    /// <summary>Of those, runs that converged (the rest diverged or hit the step limit).</summary>
    public int ConvergedRuns { get; init; }

    /// <summary>Values the renderer had to leave out, shown under the figure so nothing is hidden.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The figure's interactive chart, a Vega-Lite specification as JSON (<see cref="FigureOutput.ChartSpec"/>);
    /// empty: the HTML report shows the static image only.</summary>
    public string ChartSpec { get; init; } = "";

    /// <summary>A report entry for a rendered figure, taking its file names, warnings and interactive chart from the
    /// renderer's output.</summary>
    public static ReportFigure From(FigureOutput output, string caption, string whatItShows, int runs, int convergedRuns) =>
        new(Path.GetFileNameWithoutExtension(output.PngPath), caption, whatItShows)
        {
            PngFile = Path.GetFileName(output.PngPath),
            SvgFile = Path.GetFileName(output.SvgPath),
            CsvFile = Path.GetFileName(output.CsvPath),
            Runs = runs,
            ConvergedRuns = convergedRuns,
            Warnings = output.Warnings,
            ChartSpec = output.ChartSpec,
        };
}
