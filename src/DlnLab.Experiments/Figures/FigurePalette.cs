using ScottPlot;

namespace DlnLab.Experiments.Figures;

/// <summary>Colour-blind-safe colours (Okabe and Ito, 2008) with one marker shape per colour, so series stay
/// distinguishable in greyscale print too.</summary>
public static class FigurePalette
{
    // Yellow (#F0E442) is left out: it vanishes on white paper.
    private static readonly string[] hexes =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
    ];

    private static readonly Color[] colors = [.. hexes.Select(Color.FromHex)];

    private static readonly MarkerShape[] markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare,
    ];

    /// <summary>Number of distinct colours before they repeat.</summary>
    public static int Count => colors.Length;

    /// <summary>Colour for an index (wraps around; negative indices are taken modulo too).</summary>
    public static Color ColorAt(int index) => colors[Wrap(index)];

    /// <summary>Colour for an index as "#RRGGBB", for the interactive charts.</summary>
    internal static string HexAt(int index) => hexes[Wrap(index)];

    /// <summary>Marker shape for an index.</summary>
    internal static MarkerShape MarkerAt(int index) => markers[Wrap(index)];

    /// <summary>Colour for lines that belong to no series.</summary>
    internal static Color Neutral => Color.FromHex(NeutralHex);

    /// <summary><see cref="Neutral"/> as "#RRGGBB".</summary>
    internal const string NeutralHex = "#444444";

    /// <summary>The colour of <see cref="Shade"/> without its transparency, as "#RRGGBB".</summary>
    internal const string ShadeHex = "#999999";

    /// <summary>The opacity of <see cref="Shade"/>.</summary>
    internal const double ShadeAlpha = 0.22;

    /// <summary>Fill of shaded x ranges: light enough that data on top stays readable.</summary>
    internal static Color Shade => Color.FromHex(ShadeHex).WithAlpha(ShadeAlpha);

    private static int Wrap(int index) => ((index % colors.Length) + colors.Length) % colors.Length;
}
