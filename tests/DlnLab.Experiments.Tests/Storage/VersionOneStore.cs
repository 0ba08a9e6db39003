using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Tests.Storage;

/// <summary>A store as schema version 1 (DlnLab before the store marker) wrote it: WAL, user_version 1, no application id.</summary>
internal static class VersionOneStore
{
    private const string Runs = """
        CREATE TABLE IF NOT EXISTS runs (
            key TEXT PRIMARY KEY, sweep TEXT NOT NULL, dataset_key TEXT NOT NULL,
            n INTEGER NOT NULL, d INTEGER NOT NULL, s INTEGER NOT NULL, noise REAL NOT NULL,
            nonzeros TEXT NOT NULL, nonzero_scale REAL NOT NULL, support TEXT NOT NULL, n_test INTEGER NOT NULL,
            data_index INTEGER NOT NULL, data_seed INTEGER NOT NULL,
            alpha REAL NOT NULL, batch_size INTEGER NOT NULL, batch_mode TEXT NOT NULL,
            stepsize REAL, stepsize_fraction REAL, largest_convergent_stepsize REAL,
            repeat INTEGER NOT NULL, batch_seed INTEGER NOT NULL, tolerance REAL NOT NULL, max_steps INTEGER NOT NULL,
            status TEXT NOT NULL, steps INTEGER NOT NULL, train_loss REAL, test_loss REAL, population_loss REAL,
            distance_to_beta_star REAL, gain_l1 REAL, bounced INTEGER NOT NULL, max_loss_rise REAL,
            singular_steps INTEGER NOT NULL, max_step_gradient REAL, theorem22_residual REAL, wall_seconds REAL NOT NULL,
            gain BLOB NOT NULL, beta BLOB NOT NULL, ln_alpha_inf_squared BLOB NOT NULL, beta_tilde0 BLOB NOT NULL,
            spec_json TEXT NOT NULL)
        """;

    private static readonly string[] Others =
    [
        "CREATE TABLE IF NOT EXISTS sweeps (spec_hash TEXT PRIMARY KEY, name TEXT NOT NULL, spec_json TEXT NOT NULL, software_version TEXT NOT NULL, created_utc TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS datasets (key TEXT PRIMARY KEY, n INTEGER NOT NULL, d INTEGER NOT NULL, s INTEGER NOT NULL, noise REAL NOT NULL, nonzeros TEXT NOT NULL, nonzero_scale REAL NOT NULL, support TEXT NOT NULL, n_test INTEGER NOT NULL, data_seed INTEGER NOT NULL, beta_star BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS dataset_references (dataset_key TEXT NOT NULL, alpha REAL NOT NULL, name TEXT NOT NULL, value REAL, PRIMARY KEY (dataset_key, alpha, name))",
        "CREATE TABLE IF NOT EXISTS thresholds (key TEXT PRIMARY KEY, dataset_key TEXT NOT NULL, alpha REAL NOT NULL, batch_size INTEGER NOT NULL, batch_seed INTEGER NOT NULL, low REAL NOT NULL, high REAL NOT NULL, precision REAL NOT NULL, stepsize REAL, found INTEGER NOT NULL, hit_cap INTEGER NOT NULL, evaluations INTEGER NOT NULL, smallest_failure REAL)",
    ];

    /// <summary>
    /// What a version-1 store killed before its first checkpoint leaves: the file with a bare header, and every table,
    /// row and user_version only in its -wal.
    /// </summary>
    public static void WriteKilled(string path)
    {
        string live = path + ".live";
        using var c = Write(live, checkpoint: false);
        File.Copy(live, path);
        File.Copy(live + "-wal", path + "-wal");
    }

    /// <summary>Writes a version-1 store holding one run (key "old", alpha 0.25, steps 42, beta [1, -2]).</summary>
    public static void Write(string path) => Write(path, checkpoint: true).Dispose();

    private static SqliteConnection Write(string path, bool checkpoint)
    {
        var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        if (!checkpoint) RunColumnsTests.Exec(c, "PRAGMA wal_autocheckpoint = 0");
        RunColumnsTests.Exec(c, "PRAGMA journal_mode = WAL");
        foreach (var sql in (string[])[.. Others, Runs, "PRAGMA user_version = 1"]) RunColumnsTests.Exec(c, sql);
        byte[] beta = [.. BitConverter.GetBytes(1.0), .. BitConverter.GetBytes(-2.0)];
        using var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT INTO runs VALUES ('old', 'legacy', 'ds', 20, 2, 1, 0.5, 'Gaussian', 10, 'Random', 50, 0, 7, 0.25, 20,
            'Uniform', 0.01, NULL, NULL, 0, 9, 1e-5, 100, 'Converged', 42, 1e-7, NULL, NULL, NULL, 1.5, 0, 1.0, 0, 0.2,
            NULL, 0.5, $b, $b, $b, $b, '{}')
            """;
        insert.Parameters.AddWithValue("$b", beta);
        insert.ExecuteNonQuery();
        return c;
    }
}
