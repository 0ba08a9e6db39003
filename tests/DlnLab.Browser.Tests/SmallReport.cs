using System.Globalization;
using DlnLab.Experiments.Reproduction;

namespace DlnLab.Browser.Tests;

/// <summary>A small real report for the browser tests: `dln reproduce fig1 fig4` on 3 datasets, two stepsizes and two
/// batch sizes, through the same code path as the full one; written on first use (a skipped test writes nothing).</summary>
public sealed class SmallReport : IDisposable
{
    /// <summary>The figures the report holds: fig1 (one log-log panel with bands, a reference line and markers) and fig4
    /// (two panels, one over coordinates with the support of beta* shaded).</summary>
    public static readonly string[] Figures = ["fig1", "fig4"];

    private static readonly ReproductionSettings Settings = new()
    {
        Datasets = 3,
        StepsizeFractions = [0.05, 1],
        BatchSizes = [1, 20],
        BatchSizeFractions = [1],
    };

    /// <summary>The folder holding report.html and the figures' files.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("dln-browser-").FullName;

    private readonly Lazy<string> html;

    /// <summary>Prepares the folder; the report is written by the first <see cref="HtmlPath"/>.</summary>
    public SmallReport() => html = new(() =>
    {
        Reproducer.Run(Settings, Folder, Figures);
        return Path.Combine(Folder, "report.html");
    });

    /// <summary>report.html, written on first use.</summary>
    public string HtmlPath => html.Value;

    /// <summary>The rows of a figure's CSV: panel, series, kind, x, y (NaN where empty).</summary>
    public IReadOnlyList<(int Panel, string Series, string Kind, double X, double Y)> Csv(string figure)
    {
        var rows = new List<(int, string, string, double, double)>();
        foreach (string line in File.ReadAllLines(Path.Combine(Folder, figure + ".csv")).Skip(1))
        {
            var fields = CsvFields(line);
            rows.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), fields[1], fields[2], Number(fields[3]), Number(fields[4])));
        }
        return rows;
    }

    private static double Number(string field) => field.Length == 0 ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);

    /// <summary>Splits one CSV line, honouring double-quoted fields with doubled quotes inside.</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Removes the folder.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
