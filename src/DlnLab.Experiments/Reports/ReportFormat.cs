using System.Globalization;

namespace DlnLab.Experiments.Reports;

/// <summary>Number and time formatting shared by the Markdown and HTML reports (invariant culture throughout).</summary>
internal static class ReportFormat
{
    public static string Residual(double? residual) => residual switch
    {
        null => "no converged runs",
        double r when double.IsNaN(r) => "not available (NaN)",
        double r => r.ToString("0.###e+00", CultureInfo.InvariantCulture),
    };

    public static string WallTime(TimeSpan time)
    {
        if (time.TotalSeconds < 60) return time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        if (time.TotalHours < 1)
            return $"{(int)time.TotalMinutes} min {time.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";
        return $"{(int)time.TotalHours} h {time.Minutes.ToString("00", CultureInfo.InvariantCulture)} min";
    }

    public static string Seeds(IReadOnlyList<ulong> seeds) =>
        seeds.Count == 0 ? "none recorded" : string.Join(", ", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Percent-encodes what a relative link cannot contain as is.</summary>
    public static string Link(string file) => Uri.EscapeDataString(file).Replace("%2F", "/");
}
