using System.Globalization;
using System.Text;
using DlnLab.Experiments.Storage;

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

        NpyWriter.Atomic(P("runs.csv"), s => WriteCsv(s, runs));
        var matrices = new[]
        {
            Matrix("gain", runs, r => r.Gain), Matrix("beta", runs, r => r.Beta),
            Matrix("ln_alpha_inf_squared", runs, r => r.LnAlphaInfSquared), Matrix("beta_tilde0", runs, r => r.BetaTilde0),
        };
        NpyWriter.WriteNpz(P("runs.npz"), RunColumns.All.Select(c => Column(c, runs)).Concat(matrices));
        NpyWriter.WriteFile(P("gain.npy"), matrices[0]);
        NpyWriter.WriteFile(P("beta.npy"), matrices[1]);
        NpyWriter.Atomic(P("thresholds.csv"), s => WriteThresholds(s, store.Thresholds()));
        return new ExportSummary(runs.Count, files);
    }

    private static NpyWriter.Array Column(RunColumns.Column c, IReadOnlyList<StoredRun> runs) => c.Type switch
    {
        RunColumns.Kind.Text => NpyWriter.Strings(c.Name, runs.Select(r => (string)c.Get(r)!).ToArray()),
        RunColumns.Kind.Integer => NpyWriter.Longs(c.Name, runs.Select(r => (long)c.Get(r)!).ToArray()),
        RunColumns.Kind.Unsigned => NpyWriter.ULongs(c.Name, runs.Select(r => (ulong)c.Get(r)!).ToArray()),
        _ => NpyWriter.Doubles(c.Name, runs.Select(r => c.Get(r) is double x ? x : double.NaN).ToArray()),
    };

    private static NpyWriter.Array Matrix(string name, IReadOnlyList<StoredRun> runs, Func<StoredRun, double[]> get)
    {
        int cols = runs.Count == 0 ? 0 : runs.Max(r => Math.Max(r.D, get(r).Length));
        var data = new double[runs.Count * cols];
        Array.Fill(data, double.NaN);
        for (int i = 0; i < runs.Count; i++) get(runs[i]).CopyTo(data, i * cols);
        return NpyWriter.Doubles(name, data, runs.Count, cols);
    }

    private static void WriteCsv(Stream stream, IReadOnlyList<StoredRun> runs)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false));
        w.Write(string.Join(',', RunColumns.All.Select(c => c.Name)) + "\n");
        foreach (var r in runs) w.Write(string.Join(',', RunColumns.All.Select(c => Cell(c.Get(r)))) + "\n");
    }

    private static void WriteThresholds(Stream stream, IReadOnlyList<StoredThreshold> thresholds)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false));
        w.Write("key,dataset_key,alpha,batch_size,batch_seed,low,high,precision,stepsize,found,hit_cap,evaluations,smallest_failure\n");
        foreach (var t in thresholds)
            w.Write(string.Join(',', new object?[] { t.Key, t.DatasetKey, t.Alpha, (long)t.BatchSize, t.BatchSeed, t.Low, t.High,
                t.Precision, t.Stepsize, t.Found ? 1L : 0L, t.HitCap ? 1L : 0L, (long)t.Evaluations, t.SmallestFailure }.Select(Cell)) + "\n");
    }

    internal static string Cell(object? value) => value switch
    {
        null => "",
        double x when double.IsNaN(x) => "nan",
        double x when double.IsPositiveInfinity(x) => "inf",
        double x when double.IsNegativeInfinity(x) => "-inf",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        string s => Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
