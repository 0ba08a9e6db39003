namespace DlnLab.Experiments.Figures;

/// <summary>One number drawn in a figure, in data units (not log10), as written to the figure's CSV.</summary>
/// <param name="Panel">Index of the panel in the figure.</param>
/// <param name="Series">Series name, or the label of the annotation.</param>
/// <param name="Kind">"point" (a series point), "hline" (Y), "vline" (X) or "xrange" (Lower..Upper on x).</param>
/// <param name="X">x value; NaN for hline.</param>
/// <param name="Y">y value; NaN for vline and xrange.</param>
/// <param name="Lower">Band lower edge (point), left edge (xrange), else null.</param>
/// <param name="Upper">Band upper edge (point), right edge (xrange), else null.</param>
public sealed record PlottedPoint(int Panel, string Series, string Kind, double X, double Y, double? Lower, double? Upper);
