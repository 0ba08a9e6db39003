namespace DlnLab.Experiments.Figures;

/// <summary>A labelled vertical line at a fixed x, e.g. the largest convergent stepsize of an algorithm.</summary>
/// <param name="X">Position in data units.</param>
/// <param name="Label">Legend text.</param>
/// <param name="PaletteIndex">Colour from <see cref="FigurePalette"/>, usually that of the series it belongs to;
/// null draws it in dark grey.</param>
public sealed record VerticalMarker(double X, string Label, int? PaletteIndex = null);
