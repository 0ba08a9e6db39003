namespace DlnLab.Experiments.Storage;

/// <summary>The tables of a result store (schema version <see cref="ResultStore.SchemaVersion"/>).</summary>
internal static class StoreSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS sweeps (
            spec_hash TEXT PRIMARY KEY, name TEXT NOT NULL, spec_json TEXT NOT NULL,
            software_version TEXT NOT NULL, created_utc TEXT NOT NULL)
        """,
        """
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
        """,
        "CREATE INDEX IF NOT EXISTS runs_by_sweep ON runs(sweep)",
        """
        CREATE TABLE IF NOT EXISTS datasets (
            key TEXT PRIMARY KEY, n INTEGER NOT NULL, d INTEGER NOT NULL, s INTEGER NOT NULL, noise REAL NOT NULL,
            nonzeros TEXT NOT NULL, nonzero_scale REAL NOT NULL, support TEXT NOT NULL, n_test INTEGER NOT NULL,
            data_seed INTEGER NOT NULL, beta_star BLOB NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS dataset_references (
            dataset_key TEXT NOT NULL, alpha REAL NOT NULL, name TEXT NOT NULL, value REAL,
            PRIMARY KEY (dataset_key, alpha, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS thresholds (
            key TEXT PRIMARY KEY, dataset_key TEXT NOT NULL, alpha REAL NOT NULL, batch_size INTEGER NOT NULL,
            batch_seed INTEGER NOT NULL, low REAL NOT NULL, high REAL NOT NULL, precision REAL NOT NULL,
            stepsize REAL, found INTEGER NOT NULL, hit_cap INTEGER NOT NULL, evaluations INTEGER NOT NULL,
            smallest_failure REAL)
        """,
    ];
}
