namespace DlnLab.Experiments.Figures;

/// <summary>What <see cref="FigureRenderer.Render"/> wrote and what it could not draw.</summary>
/// <param name="PngPath">Full path of the PNG.</param>
/// <param name="SvgPath">Full path of the SVG.</param>
/// <param name="CsvPath">Full path of the CSV of exactly the plotted numbers.</param>
/// <param name="Plotted">The rows of the CSV.</param>
/// <param name="DroppedPoints">Series points left out (non-finite, or not positive on a log axis).</param>
/// <param name="DroppedBandValues">Band edges left out at points that were drawn.</param>
/// <param name="Warnings">One line per thing left out, naming the panel, series and count.</param>
public sealed record FigureOutput(
    string PngPath,
    string SvgPath,
    string CsvPath,
    IReadOnlyList<PlottedPoint> Plotted,
    int DroppedPoints,
    int DroppedBandValues,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The interactive chart of the figure (<see cref="InteractiveChart.Spec"/>): a Vega-Lite specification
    /// as JSON, drawn from <see cref="Plotted"/>; empty when none was made.</summary>
    public string ChartSpec { get; init; } = "";
}
