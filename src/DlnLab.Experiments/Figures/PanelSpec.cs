namespace DlnLab.Experiments.Figures;

/// <summary>One set of axes: labels, log scales, series and annotations. A figure has one or more panels.</summary>
public sealed record PanelSpec
{
    /// <summary>Title above the data area; empty for none.</summary>
    public string Title { get; init; } = "";

    /// <summary>Label under the x axis (give units or the symbol, e.g. "stepsize γ").</summary>
    public required string XLabel { get; init; }

    /// <summary>Label beside the y axis.</summary>
    public required string YLabel { get; init; }

    /// <summary>Log-scaled x axis: decades as major ticks labelled 10^k. Only positive finite x are drawn.</summary>
    public bool LogX { get; init; }

    /// <summary>The x values are categories at whole-number positions (e.g. coordinate i of β): nothing is joined
    /// across them. Marker series stand side by side within each category (lines become markers), a line series
    /// becomes one short horizontal bar per category, and bands are drawn as error bars. The CSV keeps the true x.</summary>
    public bool CategoricalX { get; init; }

    /// <summary>Log-scaled y axis. Only positive finite y (and band edges) are drawn.</summary>
    public bool LogY { get; init; }

    /// <summary>Curves, drawn in order (later on top).</summary>
    public IReadOnlyList<SeriesSpec> Series { get; init; } = [];

    /// <summary>Horizontal labelled lines.</summary>
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];

    /// <summary>Vertical labelled lines.</summary>
    public IReadOnlyList<VerticalMarker> VerticalMarkers { get; init; } = [];

    /// <summary>Shaded x ranges, drawn beneath everything else.</summary>
    public IReadOnlyList<ShadedXRange> ShadedXRanges { get; init; } = [];

    /// <summary>Where the legend goes. Default: upper right.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.UpperRight;
}
