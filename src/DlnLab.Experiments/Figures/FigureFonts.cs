using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace DlnLab.Experiments.Figures;

/// <summary>Makes the embedded DejaVu Sans known to ScottPlot: the dependency-free Skia build used here sees no system
/// fonts, and without a registered typeface ScottPlot draws no text at all.</summary>
internal static class FigureFonts
{
    /// <summary>The family name every text element of a figure uses.</summary>
    public const string Family = "DejaVu Sans";

    private const string ResourceName = "DlnLab.Experiments.Fonts.DejaVuSans.ttf";
    private static readonly Lock gate = new();
    private static SKTypeface? typeface;

    /// <summary>Registers the font once per process; safe to call from any thread.</summary>
    public static void EnsureRegistered()
    {
        lock (gate)
        {
            if (typeface is not null) return;
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"embedded font {ResourceName} is missing from the assembly");
            typeface = SKTypeface.FromStream(stream)
                ?? throw new InvalidOperationException($"embedded font {ResourceName} could not be loaded");
            Fonts.FontResolvers.Insert(0, new EmbeddedResolver(typeface));
        }
    }

    /// <summary>The embedded typeface, registered on first use.</summary>
    internal static SKTypeface Typeface
    {
        get
        {
            EnsureRegistered();
            lock (gate) return typeface!;
        }
    }

    /// <summary>Answers for our family only, whatever weight or slant is asked, so ScottPlot never falls back to an
    /// absent system font.</summary>
    private sealed class EmbeddedResolver(SKTypeface face) : IFontResolver
    {
        public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            Matches(fontName) ? face : null!;

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) =>
            Matches(fontName) ? face : null!;

        private static bool Matches(string fontName) => string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase);
    }
}
