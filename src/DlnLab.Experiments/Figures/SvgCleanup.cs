using System.Text;

namespace DlnLab.Experiments.Figures;

/// <summary>Removes the canvas clears ScottPlot issues before each plot: Skia's SVG canvas writes a transparent clear
/// as a full-size rect with no fill attribute, which SVG paints black wherever a viewer ignores the clip.</summary>
internal static class SvgCleanup
{
    public static string RemoveTransparentClears(string svg, int width, int height)
    {
        string clear = $"<rect width=\"{width}\" height=\"{height}\"/>";
        var result = new StringBuilder(svg.Length);
        string previous = "";
        foreach (string line in svg.Split('\n'))
        {
            // The same rect inside a clipPath is a clip shape, not a paint; keep it.
            bool isClear = line.Trim() == clear && !previous.TrimStart().StartsWith("<clipPath", StringComparison.Ordinal);
            if (!isClear) result.Append(line).Append('\n');
            previous = line;
        }
        if (!svg.EndsWith('\n')) result.Length--;
        return result.ToString();
    }
}
