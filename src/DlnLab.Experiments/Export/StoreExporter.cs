using System.Globalization;
using DlnLab.Experiments.Storage;
using DlnLab.Problems;

namespace DlnLab.Experiments.Export;

/// <summary>What an export wrote.</summary>
public sealed record ExportSummary(int Runs, IReadOnlyList<string> Files);

/// <summary>
/// Writes a store's runs for Python: runs.csv (one row per run, the scalar columns of <see cref="RunColumns"/>),
/// runs.npz (every exported column as a 1-D array, plus the vectors as runs x d float64 matrices, NaN-padded when d
/// varies; with kept trajectories also trajectory_step, trajectory_train_loss, trajectory_sharpness as runs x C and
/// trajectory_beta, trajectory_gain as runs x C x d, C the most checkpoints of a run, NaN-padded; the datasets' beta*,
/// X, y, on request their test sets, and the gradient-flow references (<see cref="DatasetArrays"/>); the thresholds
/// as thresholds_* arrays), gain.npy and beta.npy, and thresholds.csv. Every output speaks <see cref="Words"/>
/// (statuses and enum values as the command line's words). The CSVs read with
/// <c>np.genfromtxt(path, delimiter=',', names=True, dtype=None, encoding=None)</c> and pandas alike: no field is
/// quoted unless its text holds a comma, a quote or a line break (only a sweep name can), a missing number is nan
/// (inf, -inf as numpy spells them), text that a spreadsheet would take for a formula is prefixed with ', and the
/// unsigned 64-bit seeds are written as the signed 64-bit integer with the same bits (a seed at or above 2^63 reads
/// negative; <c>.view(np.uint64)</c> gives it back exactly; runs.npz keeps them as uint64). The files are written into
/// a fresh folder beside the target and swapped in whole (<see cref="ExportFolder"/>), so the target is never half
/// old, half new. Rows follow <see cref="ResultStore.Runs"/>'s order.
/// </summary>
public static class StoreExporter
{
    /// <summary>The files an export writes, by name.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["runs.csv", "runs.npz", "gain.npy", "beta.npy", "thresholds.csv"];

    /// <summary>
    /// Exports into <paramref name="directory"/>. Throws <see cref="InvalidInputException"/> (field "out") before
    /// writing anything when the folder holds the store itself or files that are not an export's.
    /// </summary>
    /// <param name="store">The store to export.</param>
    /// <param name="directory">The folder, replaced whole.</param>
    /// <param name="sweep">Only this sweep's runs (and their datasets); null: every run.</param>
    /// <param name="testSet">Also write each dataset's test set (X_test, y_test) into runs.npz.</param>
    public static ExportSummary Export(ResultStore store, string directory, string? sweep = null, bool testSet = false)
    {
        var folder = ExportFolder.Prepare(directory, store.Path, FileNames);
        var runs = store.Runs(sweep);
        var thresholds = store.Thresholds();
        folder.Write(temp =>
        {
            AtomicFile.WriteText(Path.Combine(temp, "runs.csv"), w => WriteCsv(w, runs));
            var npz = new NpzWriter();
            foreach (var c in RunColumns.ExportedScalars) AddColumn(npz, c, runs);
            var vectors = RunColumns.ExportedVectors.Select(v => (v.Name, Matrix: Matrix(runs, v))).ToArray();
            foreach (var (name, m) in vectors) npz.Add(name, m.Data, m.Rows, m.Cols);
            AddTrajectories(npz, runs);
            DatasetArrays.Add(npz, store, runs, testSet);
            AddThresholds(npz, thresholds);
            npz.Save(Path.Combine(temp, "runs.npz"), compress: true);
            foreach (var (name, m) in vectors.Where(v => v.Name is "gain" or "beta"))
                NpyWriter.Write(Path.Combine(temp, name + ".npy"), m.Data, m.Rows, m.Cols);
            AtomicFile.WriteText(Path.Combine(temp, "thresholds.csv"), w => WriteThresholds(w, thresholds));
        });
        return new ExportSummary(runs.Count, [.. FileNames.Select(n => Path.Combine(directory, n))]);
    }

    private static void AddColumn(NpzWriter npz, RunColumn c, IReadOnlyList<StoredRun> runs)
    {
        switch (c.Type)
        {
            case ColumnType.Text: npz.Add(c.Name, runs.Select(r => (string)Words.Exported(c, r[c])!).ToArray()); break;
            case ColumnType.Int: npz.Add(c.Name, runs.Select(r => (long)(int)r[c]!).ToArray()); break;
            case ColumnType.Long: npz.Add(c.Name, runs.Select(r => (long)r[c]!).ToArray()); break;
            case ColumnType.Flag: npz.Add(c.Name, runs.Select(r => (bool)r[c]! ? 1L : 0L).ToArray()); break;
            case ColumnType.Unsigned: npz.Add(c.Name, runs.Select(r => (ulong)r[c]!).ToArray()); break;
            default: npz.Add(c.Name, runs.Select(r => r[c] is double x ? x : double.NaN).ToArray()); break;
        }
    }

    /// <summary>The thresholds as thresholds_COLUMN arrays, in thresholds.csv's columns and rows.</summary>
    private static void AddThresholds(NpzWriter npz, IReadOnlyList<StoredThreshold> thresholds)
    {
        var rows = thresholds.Select(StoreRows.ThresholdValues).ToList();
        for (int j = 0; j < StoreRows.ThresholdColumns.Length; j++)
        {
            string name = "thresholds_" + StoreRows.ThresholdColumns[j];
            var column = rows.Select(r => r[j]).ToArray();
            switch (column.FirstOrDefault() ?? Sample(j))
            {
                case string: npz.Add(name, column.Cast<string>().ToArray()); break;
                case long: npz.Add(name, column.Cast<long>().ToArray()); break;
                case ulong: npz.Add(name, column.Cast<ulong>().ToArray()); break;
                default: npz.Add(name, column.Cast<double>().ToArray()); break;
            }
        }
    }

    // The type of a thresholds column when there is no row to look at.
    private static object? Sample(int column) =>
        StoreRows.ThresholdValues(new StoredThreshold("", "", 0, 0, 0, 0, 0, 0, 0, false, false, 0, 0))[column];

    /// <summary>The kept trajectories as runs x C (x d) arrays, NaN-padded; nothing when no run kept one.</summary>
    private static void AddTrajectories(NpzWriter npz, IReadOnlyList<StoredRun> runs)
    {
        int checkpoints = runs.Count == 0 ? 0 : runs.Max(r => ((double[])r[RunColumns.TrajectoryStep]!).Length);
        if (checkpoints == 0) return;
        int d = runs.Max(r => r.D);
        foreach (var column in RunColumns.Trajectories)
        {
            bool perCoordinate = column == RunColumns.TrajectoryBeta || column == RunColumns.TrajectoryGain;
            int stride = perCoordinate ? d : 1, width = checkpoints * stride;
            var data = new double[runs.Count * width];
            Array.Fill(data, double.NaN);
            for (int i = 0; i < runs.Count; i++)
            {
                var values = (double[])runs[i][column]!;
                int rowWidth = perCoordinate ? runs[i].D : 1;
                // Checkpoint c of run i at [i, c, 0..d): a run with a smaller d or fewer checkpoints stays NaN-padded.
                for (int c = 0; c * rowWidth < values.Length; c++)
                    values.AsSpan(c * rowWidth, rowWidth).CopyTo(data.AsSpan(i * width + c * stride));
            }
            npz.Add(column.Name, data, perCoordinate ? [runs.Count, checkpoints, d] : [runs.Count, checkpoints]);
        }
    }

    /// <summary>A runs x d matrix of one vector per run, NaN-padded when d varies.</summary>
    private static (double[] Data, int Rows, int Cols) Matrix(IReadOnlyList<StoredRun> runs, RunColumn vector)
    {
        int cols = runs.Count == 0 ? 0 : runs.Max(r => Math.Max(r.D, ((double[])r[vector]!).Length));
        var data = new double[runs.Count * cols];
        Array.Fill(data, double.NaN);
        for (int i = 0; i < runs.Count; i++) ((double[])runs[i][vector]!).CopyTo(data, i * cols);
        return (data, runs.Count, cols);
    }

    private static void WriteCsv(TextWriter w, IReadOnlyList<StoredRun> runs)
    {
        var columns = RunColumns.ExportedScalars.ToArray();
        w.Write(string.Join(',', columns.Select(c => c.Name)) + "\n");
        foreach (var r in runs) w.Write(string.Join(',', columns.Select(c => Cell(Words.Exported(c, r[c]) ?? (c.Type == ColumnType.OptionalReal ? double.NaN : null)))) + "\n");
    }

    private static void WriteThresholds(TextWriter w, IReadOnlyList<StoredThreshold> thresholds)
    {
        w.Write(string.Join(',', StoreRows.ThresholdColumns) + "\n");
        foreach (var t in thresholds) w.Write(string.Join(',', StoreRows.ThresholdValues(t).Select(Cell)) + "\n");
    }

    // A whole number keeps a decimal point, so that numpy and pandas read its column as floats.
    private static string Real(string shortest) => shortest.AsSpan().IndexOfAny(".E") < 0 ? shortest + ".0" : shortest;

    /// <summary>One CSV cell: numbers as numbers (unsigned seeds as the signed 64-bit integer with the same bits), text as <see cref="CsvField.Safe"/>.</summary>
    internal static string Cell(object? value) => value switch
    {
        ulong u => unchecked((long)u).ToString(CultureInfo.InvariantCulture),
        null => "",
        bool b => b ? "1" : "0",
        double x when double.IsNaN(x) => "nan",
        double x when double.IsPositiveInfinity(x) => "inf",
        double x when double.IsNegativeInfinity(x) => "-inf",
        double x => Real(x.ToString("R", CultureInfo.InvariantCulture)),
        string s => CsvField.Safe(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvField.Safe(value.ToString() ?? ""),
    };
}
