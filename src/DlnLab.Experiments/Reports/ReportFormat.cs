using System.Globalization;

namespace DlnLab.Experiments.Reports;

/// <summary>What the Markdown and HTML reports both state, formatted once: the provenance rows, counts and links
/// (invariant culture throughout).</summary>
internal static class ReportFormat
{
    /// <summary>The provenance table's rows in display order, the same for both formats.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Provenance(ReportModel model)
    {
        yield return new("Software version", model.SoftwareVersion);
        if (model.CommandLine.Length > 0) yield return new("Command line", model.CommandLine);
        yield return new(model.Seeds.Count == 1 ? "Sweep seed" : "Sweep seeds", Seeds(model.Seeds));
        if (model.DataSeeds.Count > 0)
            yield return new("Dataset seeds", $"{Count(model.DataSeeds.Select(s => s.Seed).Distinct().Count())} distinct seeds, each in {ReportWriter.SeedsFile} with its sweep and run count (derived from the sweep seed unless the spec lists them)");
        yield return new("Runs", Runs(model));
        if (model.TrainingWallTime is TimeSpan training)
        {
            yield return new("Training wall time", WallTime(training) + " in this call" + (model.StoredRunSeconds is double summed
                ? $"; the stored training times of the runs behind the report sum to {WallTime(TimeSpan.FromSeconds(summed))}" : ""));
            yield return new("Drawing wall time", WallTime(model.WallTime - training) + " (figures and findings, after training)");
        }
        else yield return new("Wall time", WallTime(model.WallTime));
        yield return new(ResidualLabel(model), Residual(model.LargestTheoremResidual));
        if (model.GeneratedAt is DateTimeOffset at) yield return new("Generated", Timestamp(at));
    }

    private static string Runs(ReportModel model) => model.RunsComputed is int computed
        ? $"{Count(model.TotalRuns)} ({Count(computed)} computed in this call, {Count(Math.Max(0, model.TotalRuns - computed))} already stored)"
        : Count(model.TotalRuns);

    private static string ResidualLabel(ReportModel model) =>
        "Consistency check, largest residual (Theorem 2.2 identity; measures closeness to interpolation; " + (model.ResidualRuns is int runs
            ? $"over all {Count(runs)} converged runs behind the report; each figure's findings give the residual over its own runs)"
            : "converged runs)");

    private static string Residual(double? residual) => residual switch
    {
        null => "no converged runs",
        double r when double.IsNaN(r) => "not available (NaN)",
        double r => r.ToString("0.###e+00", CultureInfo.InvariantCulture),
    };

    private static string WallTime(TimeSpan time)
    {
        if (time.TotalSeconds < 60) return time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        if (time.TotalHours < 1)
            return $"{(int)time.TotalMinutes} min {time.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";
        return $"{(int)time.TotalHours} h {time.Minutes.ToString("00", CultureInfo.InvariantCulture)} min";
    }

    private static string Seeds(IReadOnlyList<ulong> seeds) =>
        seeds.Count == 0 ? "none recorded" : string.Join(", ", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Percent-encodes what a relative link cannot contain as is.</summary>
    public static string Link(string file) => Uri.EscapeDataString(file).Replace("%2F", "/");
}
