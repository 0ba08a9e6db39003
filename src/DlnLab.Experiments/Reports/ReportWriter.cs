using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Reports;

/// <summary>Writes report.md and report.html for a <see cref="ReportModel"/>, each to a temporary name then renamed.
/// Figure files are linked relative to the report's folder; the renderer should have written them there.</summary>
public static class ReportWriter
{
    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>File name of the list of every dataset's seed (written when the model has any).</summary>
    public const string SeedsFile = "seeds.csv";

    /// <summary>Writes both reports into <paramref name="directory"/> (created if missing).</summary>
    public static ReportOutput Write(ReportModel model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.Title)) throw new ArgumentException("report title must not be empty", nameof(model));
        var duplicate = model.Figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"figure name '{duplicate.Key}' appears {duplicate.Count()} times; names must be unique", nameof(model));

        Directory.CreateDirectory(directory);
        string full = Path.GetFullPath(directory);
        var output = new ReportOutput(Path.Combine(full, MarkdownFile), Path.Combine(full, HtmlFile));
        AtomicFile.WriteAllText(output.MarkdownPath, MarkdownReport.Render(model));
        AtomicFile.WriteAllText(output.HtmlPath, HtmlReport.Render(model));
        if (model.DataSeeds.Count > 0) AtomicFile.WriteAllText(Path.Combine(full, SeedsFile), SeedsCsv(model.DataSeeds));
        return output;
    }

    /// <summary>sweep,data_seed,runs: one line per dataset, seeds as exact unsigned integers.</summary>
    private static string SeedsCsv(IReadOnlyList<DatasetSeed> seeds)
    {
        var csv = new System.Text.StringBuilder("sweep,data_seed,runs\n");
        foreach (var seed in seeds)
            csv.Append(CsvField.Safe(seed.Sweep)).Append(',').Append(seed.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .Append(',').Append(seed.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }
}
