namespace DlnLab.Experiments.Figures;

/// <summary>One named curve of a panel: x values, centre y values (e.g. a median) and an optional band (e.g. the interquartile range).</summary>
/// <remarks>
/// Xs, Ys and, when present, Lower and Upper must have equal lengths. Values need not be finite: a point whose x or y
/// cannot be drawn (NaN, infinite, or not positive on a log axis) is dropped and counted in
/// <see cref="FigureOutput.DroppedPoints"/>; a band value that cannot be drawn drops only the band at that point.
/// </remarks>
public sealed record SeriesSpec(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys)
{
    /// <summary>Lower edge of the band at each x, or null for no band. Set together with <see cref="Upper"/>.</summary>
    public IReadOnlyList<double>? Lower { get; init; }

    /// <summary>Upper edge of the band at each x, or null for no band. Set together with <see cref="Lower"/>.</summary>
    public IReadOnlyList<double>? Upper { get; init; }

    /// <summary>How the points are drawn. Default: line with markers.</summary>
    public SeriesStyle Style { get; init; } = SeriesStyle.LineMarkers;

    /// <summary>Index into <see cref="FigurePalette"/>; null takes the series' position in its panel, so the same
    /// algorithm can keep its colour across panels by naming the index.</summary>
    public int? PaletteIndex { get; init; }

    /// <summary>Returns a copy with the band set.</summary>
    public SeriesSpec WithBand(IReadOnlyList<double> lower, IReadOnlyList<double> upper) =>
        this with { Lower = lower, Upper = upper };
}
