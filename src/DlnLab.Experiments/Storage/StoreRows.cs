using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>Mapping between the stored records and table rows.</summary>
internal static class StoreRows
{
    // Unsigned seeds are kept bit for bit in SQLite's signed 64-bit integers.
    private static long Signed(ulong x) => unchecked((long)x);
    private static ulong Unsigned(long x) => unchecked((ulong)x);

    // SQLite stores NaN as NULL; write it so explicitly and read NULL back as NaN (or null where optional).
    private static object Real(double x) => double.IsNaN(x) ? DBNull.Value : x;
    private static object Real(double? x) => x is double v ? Real(v) : DBNull.Value;

    private static readonly string[] RunColumns =
    [
        "key", "sweep", "dataset_key", "n", "d", "s", "noise", "nonzeros", "nonzero_scale", "support", "n_test",
        "data_index", "data_seed", "alpha", "batch_size", "batch_mode", "stepsize", "stepsize_fraction",
        "largest_convergent_stepsize", "repeat", "batch_seed", "tolerance", "max_steps", "status", "steps",
        "train_loss", "test_loss", "population_loss", "distance_to_beta_star", "gain_l1", "bounced", "max_loss_rise",
        "singular_steps", "max_step_gradient", "theorem22_residual", "wall_seconds", "gain", "beta",
        "ln_alpha_inf_squared", "beta_tilde0", "spec_json",
    ];

    public static readonly string RunSelect = "SELECT " + string.Join(", ", RunColumns) + " FROM runs";

    private static readonly string RunInsert =
        $"INSERT OR IGNORE INTO runs({string.Join(", ", RunColumns)}) VALUES ({string.Join(", ", RunColumns.Select(c => "$" + c))})";

    public static int InsertRun(SqliteConnection c, SqliteTransaction tx, StoredRun r)
    {
        object[] values =
        [
            r.Key, r.Sweep, r.DatasetKey, r.N, r.D, r.S, r.Noise, r.Nonzeros, r.NonzeroScale, r.Support, r.NTest,
            r.DataIndex, Signed(r.DataSeed), r.Alpha, r.BatchSize, r.BatchMode, Real(r.Stepsize), Real(r.StepsizeFraction),
            Real(r.LargestConvergentStepsize), r.Repeat, Signed(r.BatchSeed), r.Tolerance, r.MaxSteps, r.Status, r.Steps,
            Real(r.TrainLoss), Real(r.TestLoss), Real(r.PopulationLoss), Real(r.DistanceToBetaStar), Real(r.GainL1),
            r.Bounced ? 1 : 0, Real(r.MaxLossRise), r.SingularSteps, Real(r.MaxStepGradient), Real(r.Theorem22Residual),
            r.WallSeconds, DoubleBlob.ToBytes(r.Gain), DoubleBlob.ToBytes(r.Beta), DoubleBlob.ToBytes(r.LnAlphaInfSquared),
            DoubleBlob.ToBytes(r.BetaTilde0), r.SpecJson,
        ];
        using var cmd = c.CreateCommand();
        cmd.CommandText = RunInsert;
        cmd.Transaction = tx;
        for (int i = 0; i < RunColumns.Length; i++) cmd.Parameters.AddWithValue("$" + RunColumns[i], values[i]);
        return cmd.ExecuteNonQuery();
    }

    public static StoredRun ReadRun(SqliteDataReader x) => new()
    {
        Key = x.GetString(0), Sweep = x.GetString(1), DatasetKey = x.GetString(2),
        N = x.GetInt32(3), D = x.GetInt32(4), S = x.GetInt32(5), Noise = x.GetDouble(6), Nonzeros = x.GetString(7),
        NonzeroScale = x.GetDouble(8), Support = x.GetString(9), NTest = x.GetInt32(10), DataIndex = x.GetInt32(11),
        DataSeed = Unsigned(x.GetInt64(12)), Alpha = x.GetDouble(13), BatchSize = x.GetInt32(14), BatchMode = x.GetString(15),
        Stepsize = Nan(x, 16), StepsizeFraction = Opt(x, 17), LargestConvergentStepsize = Opt(x, 18),
        Repeat = x.GetInt32(19), BatchSeed = Unsigned(x.GetInt64(20)), Tolerance = x.GetDouble(21), MaxSteps = x.GetInt64(22),
        Status = x.GetString(23), Steps = x.GetInt64(24), TrainLoss = Nan(x, 25), TestLoss = Opt(x, 26),
        PopulationLoss = Opt(x, 27), DistanceToBetaStar = Opt(x, 28), GainL1 = Nan(x, 29), Bounced = x.GetInt64(30) != 0,
        MaxLossRise = Nan(x, 31), SingularSteps = x.GetInt64(32), MaxStepGradient = Nan(x, 33), Theorem22Residual = Opt(x, 34),
        WallSeconds = x.GetDouble(35), Gain = Blob(x, 36), Beta = Blob(x, 37), LnAlphaInfSquared = Blob(x, 38),
        BetaTilde0 = Blob(x, 39), SpecJson = x.GetString(40),
    };

    public static int InsertDataset(SqliteConnection c, SqliteTransaction tx, StoredDataset d) => Run(c, tx,
        "INSERT OR IGNORE INTO datasets(key, n, d, s, noise, nonzeros, nonzero_scale, support, n_test, data_seed, beta_star) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        d.Key, d.N, d.D, d.S, d.Noise, d.Nonzeros, d.NonzeroScale, d.Support, d.NTest, Signed(d.DataSeed), DoubleBlob.ToBytes(d.BetaStar));

    public const string DatasetSelect = "SELECT key, n, d, s, noise, nonzeros, nonzero_scale, support, n_test, data_seed, beta_star FROM datasets";

    public static StoredDataset ReadDataset(SqliteDataReader x) => new(
        x.GetString(0), x.GetInt32(1), x.GetInt32(2), x.GetInt32(3), x.GetDouble(4), x.GetString(5), x.GetDouble(6),
        x.GetString(7), x.GetInt32(8), Unsigned(x.GetInt64(9)), Blob(x, 10));

    public static int InsertReference(SqliteConnection c, SqliteTransaction tx, StoredReference r) => Run(c, tx,
        "INSERT OR IGNORE INTO dataset_references(dataset_key, alpha, name, value) VALUES ($1, $2, $3, $4)",
        r.DatasetKey, r.Alpha, r.Name, Real(r.Value));

    public const string ReferenceSelect = "SELECT dataset_key, alpha, name, value FROM dataset_references";

    public static StoredReference ReadReference(SqliteDataReader x) => new(x.GetString(0), x.GetDouble(1), x.GetString(2), Nan(x, 3));

    public static int InsertThreshold(SqliteConnection c, SqliteTransaction tx, StoredThreshold t) => Run(c, tx,
        "INSERT OR IGNORE INTO thresholds(key, dataset_key, alpha, batch_size, batch_seed, low, high, precision, stepsize, found, hit_cap, evaluations, smallest_failure) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        t.Key, t.DatasetKey, t.Alpha, t.BatchSize, Signed(t.BatchSeed), t.Low, t.High, t.Precision, Real(t.Stepsize),
        t.Found ? 1 : 0, t.HitCap ? 1 : 0, t.Evaluations, Real(t.SmallestFailure));

    public const string ThresholdSelect = "SELECT key, dataset_key, alpha, batch_size, batch_seed, low, high, precision, stepsize, found, hit_cap, evaluations, smallest_failure FROM thresholds";

    public static StoredThreshold ReadThreshold(SqliteDataReader x) => new(
        x.GetString(0), x.GetString(1), x.GetDouble(2), x.GetInt32(3), Unsigned(x.GetInt64(4)), x.GetDouble(5),
        x.GetDouble(6), x.GetDouble(7), Nan(x, 8), x.GetInt64(9) != 0, x.GetInt64(10) != 0, x.GetInt32(11), Nan(x, 12));

    private static int Run(SqliteConnection c, SqliteTransaction tx, string sql, params object[] values)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        for (int i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue("$" + (i + 1), values[i]);
        return cmd.ExecuteNonQuery();
    }

    private static double Nan(SqliteDataReader x, int i) => x.IsDBNull(i) ? double.NaN : x.GetDouble(i);
    private static double? Opt(SqliteDataReader x, int i) => x.IsDBNull(i) ? null : x.GetDouble(i);
    private static double[] Blob(SqliteDataReader x, int i) => DoubleBlob.FromBytes((byte[])x.GetValue(i));
}
