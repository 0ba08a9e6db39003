namespace DlnLab.Experiments.Figures;

/// <summary>A labelled horizontal line at a fixed y, e.g. the test loss of the gradient-flow interpolator.</summary>
/// <param name="Y">Height in data units.</param>
/// <param name="Label">Legend text.</param>
/// <param name="PaletteIndex">Colour from <see cref="FigurePalette"/>; null draws it in dark grey.</param>
public sealed record ReferenceLine(double Y, string Label, int? PaletteIndex = null);
