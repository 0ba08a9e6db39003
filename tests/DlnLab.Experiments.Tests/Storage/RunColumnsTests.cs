using System.IO.Compression;
using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Tests.Storage;

/// <summary>
/// The run record is the column list: every column is in the table, is written and read back (by name) bit for bit,
/// and is in the export under its name; nothing else is. A field added to <see cref="RunColumns"/> is covered here
/// without another edit.
/// </summary>
public class RunColumnsTests
{
    [Fact]
    public void EveryColumnIsInTheTableAndNothingElse()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using (ResultStore.Open(path)) { }
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM pragma_table_info('runs') ORDER BY cid";
        using var reader = cmd.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        Assert.Equal(RunColumns.All.Select(x => x.Name), names);
    }

    [Fact]
    public void EveryColumnRoundTripsThroughTheStoreAndIntoTheExport()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        var run = ResultStoreTests.Sample("k1");
        Assert.True(store.AddRun(run));
        var back = Assert.Single(store.Runs());
        foreach (var column in RunColumns.All)
            Assert.True(SameValue(column, run[column], back[column]), $"{column.Name}: {run[column]} came back as {back[column]}");

        var export = Path.Combine(dir, "export");
        StoreExporter.Export(store, export);
        var header = File.ReadLines(Path.Combine(export, "runs.csv")).First().Split(',');
        Assert.Equal(RunColumns.All.Where(c => c.Exported && c.Type != ColumnType.Vector).Select(c => c.Name), header);
        using var npz = ZipFile.OpenRead(Path.Combine(export, "runs.npz"));
        // Every exported column, and beside them only the datasets', references' and thresholds' arrays.
        var others = npz.Entries.Select(e => e.FullName).Where(n => !RunColumns.All.Any(c => c.Exported && c.Name + ".npy" == n)).ToList();
        Assert.All(RunColumns.All.Where(c => c.Exported), c => Assert.Contains(c.Name + ".npy", npz.Entries.Select(e => e.FullName)));
        Assert.All(others, n => Assert.Matches(@"^(datasets_\w+|references_\w+|thresholds_\w+|run_dataset|beta_star|X|y)\.npy$", n));
    }

    [Fact]
    public void RunsAreReadByColumnNameWhateverTheTableOrder()
    {
        // A table with the columns in reverse order (as a store written by another version might have them).
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using (ResultStore.Open(path)) { }
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            string reversed = StoreSchema.RunsTable.Replace("CREATE TABLE IF NOT EXISTS runs", "CREATE TABLE runs2");
            var columns = reversed[(reversed.IndexOf('(') + 1)..reversed.LastIndexOf(", PRIMARY KEY", StringComparison.Ordinal)].Split(", ");
            Exec(c, $"CREATE TABLE runs2 ({string.Join(", ", columns.Reverse())}, PRIMARY KEY (key))");
            Exec(c, "DROP TABLE runs");
            Exec(c, "ALTER TABLE runs2 RENAME TO runs");
        }
        var run = ResultStoreTests.Sample("k2");
        using var store = ResultStore.Open(path);
        store.AddRun(run);
        var back = Assert.Single(store.Runs());
        Assert.All(RunColumns.All, column => Assert.True(SameValue(column, run[column], back[column]), column.Name));
    }

    [Fact]
    public void ColumnNamesAreUniqueSnakeCaseAndLookedUpByName()
    {
        Assert.Equal(RunColumns.All.Count, RunColumns.All.Select(c => c.Name).Distinct().Count());
        Assert.All(RunColumns.All, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Name));
        Assert.All(RunColumns.All, c => Assert.Same(c, RunColumns.Named(c.Name)));
        Assert.Null(RunColumns.Named("nope"));
        // Every result field reads a RunResult; the spec fields do not.
        Assert.Contains(RunColumns.Status, RunColumns.ResultFields);
        Assert.DoesNotContain(RunColumns.Alpha, RunColumns.ResultFields);
    }

    // NaN optional values come back as null (SQLite has no NaN); everything else bit for bit.
    private static bool SameValue(RunColumn column, object? sent, object? back) => (sent, back) switch
    {
        (double[] a, double[] b) => a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits)),
        (double a, null) => column.Type == ColumnType.OptionalReal && double.IsNaN(a),
        (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b)),
        _ => Equals(sent, back),
    };

    internal static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
