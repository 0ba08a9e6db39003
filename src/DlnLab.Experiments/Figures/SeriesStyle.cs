namespace DlnLab.Experiments.Figures;

/// <summary>How a series is drawn: its points joined, marked, as bars, or as a staircase.</summary>
public enum SeriesStyle
{
    /// <summary>Points joined by a solid line, each point marked (the default: shows where the grid was sampled).</summary>
    LineMarkers,
    /// <summary>Points joined by a solid line, no markers.</summary>
    Line,
    /// <summary>Markers only; a band is drawn as error bars.</summary>
    Markers,
    /// <summary>Vertical bars; a band is drawn as error bars. Several bar series share each x side by side.</summary>
    Bars,
    /// <summary>A horizontal staircase through the points.</summary>
    Steps,
}
