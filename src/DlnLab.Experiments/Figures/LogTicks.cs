using System.Globalization;
using System.Text;
using ScottPlot.TickGenerators;

namespace DlnLab.Experiments.Figures;

/// <summary>Tick marks for a log axis whose coordinates are log10 values: decades labelled 10^k with minor ticks at
/// 2..9 times each decade, or 1-2-5 labels when the axis spans about three decades or less.</summary>
internal static class LogTicks
{
    private const int MaxMajorTicks = 8;

    // Up to about three decades, 1-2-5 labels fit (at most ~10) and read better than bare powers of ten.
    private const double LabelledMantissaSpan = 3.2;

    /// <summary>Tick generator for the axis range [min, max] in log10 units.</summary>
    public static NumericManual Create(double min, double max)
    {
        var generator = new NumericManual();
        foreach (var (position, label) in Compute(min, max))
        {
            if (label is null) generator.AddMinor(position);
            else generator.AddMajor(position, label);
        }
        return generator;
    }

    /// <summary>Tick positions in log10 units with their labels; minor ticks have a null label.</summary>
    internal static List<(double Position, string? Label)> Compute(double min, double max)
    {
        var ticks = new TickList();
        int firstDecade = (int)Math.Ceiling(min - 1e-9);
        int lastDecade = (int)Math.Floor(max + 1e-9);
        int decades = lastDecade - firstDecade + 1;
        if (max - min > LabelledMantissaSpan)
        {
            int stride = (int)Math.Ceiling(decades / (double)MaxMajorTicks);
            for (int k = firstDecade; k <= lastDecade; k++)
            {
                if ((k - firstDecade) % stride == 0) ticks.AddMajor(k, PowerOfTen(k));
                else ticks.AddMinor(k);
            }
            if (stride == 1) AddMantissaTicks(ticks, min, max, major: []);
            return ticks;
        }

        // A short axis: label 1, 2 and 5 times powers of ten (all mantissas if that still leaves < 2 labels).
        int[] labelled = MantissasInRange(min, max).Count(t => t.Mantissa is 1 or 2 or 5) >= 2 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        AddMantissaTicks(ticks, min, max, labelled);
        return ticks;
    }

    private static void AddMantissaTicks(TickList ticks, double min, double max, int[] major)
    {
        foreach (var (m, k, position) in MantissasInRange(min, max))
        {
            if (Array.IndexOf(major, m) >= 0) ticks.AddMajor(position, Plain(m, k));
            else if (m != 1) ticks.AddMinor(position);
        }
    }

    /// <summary>Every m × 10^k (m = 1..9) inside [min, max], in increasing order, with its log10 position.</summary>
    private static IEnumerable<(int Mantissa, int Decade, double Position)> MantissasInRange(double min, double max)
    {
        for (int k = (int)Math.Floor(min) - 1; k <= (int)Math.Ceiling(max); k++)
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position >= min - 1e-9 && position <= max + 1e-9) yield return (m, k, position);
            }
    }

    private sealed class TickList : List<(double Position, string? Label)>
    {
        public void AddMajor(double position, string label) => Add((position, label));
        public void AddMinor(double position) => Add((position, null));
    }

    /// <summary>"1", "10", or 10 with a superscript exponent (e.g. 10⁻³).</summary>
    internal static string PowerOfTen(int k) => k switch
    {
        0 => "1",
        1 => "10",
        _ => "10" + Superscript(k),
    };

    private static string Plain(int mantissa, int k)
    {
        if (k is >= -3 and <= 4)
            return ((decimal)mantissa * (decimal)Math.Pow(10, k)).ToString("0.####", CultureInfo.InvariantCulture);
        return mantissa == 1 ? PowerOfTen(k) : mantissa.ToString(CultureInfo.InvariantCulture) + "×" + PowerOfTen(k);
    }

    private static string Superscript(int k)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = new StringBuilder();
        if (k < 0) text.Append('⁻');
        foreach (char c in Math.Abs(k).ToString(CultureInfo.InvariantCulture)) text.Append(digits[c - '0']);
        return text.ToString();
    }
}
