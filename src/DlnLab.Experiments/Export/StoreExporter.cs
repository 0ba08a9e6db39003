using System.Globalization;
using DlnLab.Experiments.Storage;
using DlnLab.Problems;

namespace DlnLab.Experiments.Export;

/// <summary>What an export wrote.</summary>
public sealed record ExportSummary(int Runs, IReadOnlyList<string> Files);

/// <summary>
/// Writes a store's runs for Python: runs.csv (one row per run, scalar columns; empty = not available, nan/inf as
/// numpy spells them), runs.npz (every scalar column as a 1-D array, plus gain, beta, ln_alpha_inf_squared and
/// beta_tilde0 as runs x d float64 matrices, NaN-padded when d varies), gain.npy and beta.npy, and thresholds.csv.
/// Each file is written to a temporary name and renamed. Rows follow <see cref="ResultStore.Runs"/>'s order.
/// </summary>
public static class StoreExporter
{
    public static ExportSummary Export(ResultStore store, string directory, string? sweep = null)
    {
        Directory.CreateDirectory(directory);
        var runs = store.Runs(sweep);
        var files = new List<string>();
        string P(string name) { var p = Path.Combine(directory, name); files.Add(p); return p; }

        AtomicFile.WriteText(P("runs.csv"), w => WriteCsv(w, runs));
        var npz = new NpzWriter();
        foreach (var c in RunColumns.Scalars) AddColumn(npz, c, runs);
        var vectors = RunColumns.Vectors.Select(v => (v.Name, Matrix: Matrix(runs, v.Get))).ToArray();
        foreach (var (name, m) in vectors) npz.Add(name, m.Data, m.Rows, m.Cols);
        npz.Save(P("runs.npz"), compress: true);
        foreach (var (name, m) in vectors.Where(v => v.Name is "gain" or "beta"))
            NpyWriter.Write(P(name + ".npy"), m.Data, m.Rows, m.Cols);
        AtomicFile.WriteText(P("thresholds.csv"), w => WriteThresholds(w, store.Thresholds()));
        return new ExportSummary(runs.Count, files);
    }

    private static void AddColumn(NpzWriter npz, RunColumns.Column c, IReadOnlyList<StoredRun> runs)
    {
        switch (c.Type)
        {
            case RunColumns.Kind.Text: npz.Add(c.Name, runs.Select(r => (string)c.Get(r)!).ToArray()); break;
            case RunColumns.Kind.Integer: npz.Add(c.Name, runs.Select(r => (long)c.Get(r)!).ToArray()); break;
            case RunColumns.Kind.Unsigned: npz.Add(c.Name, runs.Select(r => (ulong)c.Get(r)!).ToArray()); break;
            default: npz.Add(c.Name, runs.Select(r => c.Get(r) is double x ? x : double.NaN).ToArray()); break;
        }
    }

    /// <summary>A runs x d matrix of one vector per run, NaN-padded when d varies.</summary>
    private static (double[] Data, int Rows, int Cols) Matrix(IReadOnlyList<StoredRun> runs, Func<StoredRun, double[]> get)
    {
        int cols = runs.Count == 0 ? 0 : runs.Max(r => Math.Max(r.D, get(r).Length));
        var data = new double[runs.Count * cols];
        Array.Fill(data, double.NaN);
        for (int i = 0; i < runs.Count; i++) get(runs[i]).CopyTo(data, i * cols);
        return (data, runs.Count, cols);
    }

    private static void WriteCsv(TextWriter w, IReadOnlyList<StoredRun> runs)
    {
        w.Write(string.Join(',', RunColumns.Scalars.Select(c => c.Name)) + "\n");
        foreach (var r in runs) w.Write(string.Join(',', RunColumns.Scalars.Select(c => Cell(c.Get(r)))) + "\n");
    }

    private static void WriteThresholds(TextWriter w, IReadOnlyList<StoredThreshold> thresholds)
    {
        w.Write(string.Join(',', StoreRows.ThresholdColumns) + "\n");
        foreach (var t in thresholds) w.Write(string.Join(',', StoreRows.ThresholdValues(t).Select(Cell)) + "\n");
    }

    internal static string Cell(object? value) => value switch
    {
        null => "",
        double x when double.IsNaN(x) => "nan",
        double x when double.IsPositiveInfinity(x) => "inf",
        double x when double.IsNegativeInfinity(x) => "-inf",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        string s => CsvField.Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvField.Quote(value.ToString() ?? ""),
    };
}
