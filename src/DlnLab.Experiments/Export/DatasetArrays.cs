using DlnLab.Experiments.Storage;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Experiments.Export;

/// <summary>
/// The data behind a store's runs, for runs.npz: per dataset its generator settings (datasets_*), beta* (datasets x d),
/// X (datasets x n x d) and y (datasets x n), on request the test set (X_test, y_test), the gradient-flow reference
/// values (references_*, one entry per dataset, alpha and name) and for each run the index of its dataset
/// (run_dataset). X and y are not stored: each dataset is generated again from its settings, as the sweep did, and
/// its beta* is checked against the stored one bit for bit (a mismatch fails the export rather than write data that
/// is not the runs'); a dataset the store does not hold (runs written by hand) has NaN rows. Arrays are NaN-padded where n, d or n_test vary. Datasets are in key order.
/// </summary>
internal static class DatasetArrays
{
    public static void Add(NpzWriter npz, ResultStore store, IReadOnlyList<StoredRun> runs, bool testSet)
    {
        var stored = store.Datasets().ToDictionary(d => d.Key, StringComparer.Ordinal);
        var datasets = runs.GroupBy(r => r.DatasetKey).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var index = datasets.Select((r, i) => (r.DatasetKey, i)).ToDictionary(p => p.DatasetKey, p => p.i, StringComparer.Ordinal);
        npz.Add("run_dataset", runs.Select(r => (long)index[r.DatasetKey]).ToArray());

        CheckSize(store, datasets, testSet);
        var problems = datasets.Select(r => stored.ContainsKey(r.DatasetKey) ? Generated(store, r, stored[r.DatasetKey]) : null).ToList();
        npz.Add("datasets_key", datasets.Select(r => r.DatasetKey).ToArray());
        npz.Add("datasets_n", datasets.Select(r => (long)r.N).ToArray());
        npz.Add("datasets_d", datasets.Select(r => (long)r.D).ToArray());
        npz.Add("datasets_s", datasets.Select(r => (long)r.S).ToArray());
        npz.Add("datasets_noise", datasets.Select(r => r.Noise).ToArray());
        npz.Add("datasets_nonzeros", datasets.Select(r => Words.Of(r.Nonzeros)).ToArray());
        npz.Add("datasets_nonzero_scale", datasets.Select(r => r.NonzeroScale).ToArray());
        npz.Add("datasets_support", datasets.Select(r => Words.Of(r.Support)).ToArray());
        npz.Add("datasets_n_test", datasets.Select(r => (long)r.NTest).ToArray());
        npz.Add("datasets_mean", datasets.Select(r => r.Mean).ToArray());
        npz.Add("datasets_correlation", datasets.Select(r => r.Correlation).ToArray());
        npz.Add("datasets_data_seed", datasets.Select(r => r.DataSeed).ToArray());

        int d = datasets.Count == 0 ? 0 : datasets.Max(r => r.D);
        AddRows(npz, "beta_star", problems.Select(p => p?.BetaStar ?? []).ToList(), d);
        AddMatrices(npz, "X", problems.Select(p => p?.X).ToList(), datasets.Count == 0 ? 0 : datasets.Max(r => r.N), d);
        AddRows(npz, "y", problems.Select(p => p?.Y ?? []).ToList(), datasets.Count == 0 ? 0 : datasets.Max(r => r.N));
        if (testSet)
        {
            int nTest = datasets.Count == 0 ? 0 : datasets.Max(r => r.NTest);
            AddMatrices(npz, "X_test", problems.Select(p => p?.XTest).ToList(), nTest, d);
            AddRows(npz, "y_test", problems.Select(p => p?.YTest ?? []).ToList(), nTest);
        }

        var references = store.References().Where(r => index.ContainsKey(r.DatasetKey)).ToList();
        npz.Add("references_dataset", references.Select(r => (long)index[r.DatasetKey]).ToArray());
        npz.Add("references_alpha", references.Select(r => r.Alpha).ToArray());
        npz.Add("references_name", references.Select(r => r.Name).ToArray());
        npz.Add("references_value", references.Select(r => r.Value).ToArray());
    }

    /// <summary>
    /// Refuses, before any dataset is generated, an export whose arrays (every dataset's X, y and test set held at once,
    /// then copied into the padded arrays) exceed the memory limit or the largest array .NET allocates.
    /// </summary>
    private static void CheckSize(ResultStore store, IReadOnlyList<StoredRun> datasets, bool testSet)
    {
        if (datasets.Count == 0) return;
        double count = datasets.Count, n = datasets.Max(r => r.N), d = datasets.Max(r => r.D), nTest = testSet ? datasets.Max(r => r.NTest) : 0;
        double largest = count * Math.Max(n, nTest) * d;
        string what = $"the X and y{(testSet ? ", X_test and y_test" : "")} of {datasets.Count} datasets (n up to {n}, d up to {d}" +
            $"{(testSet ? $", n-test up to {nTest}" : "")})";
        if (largest > Array.MaxLength)
            throw new InvalidInputException("store", store.Path, $"{what} would need an array of {largest:G3} numbers, above the {Array.MaxLength} one array holds; export one sweep at a time (--sweep)");
        MemoryLimit.Check("store", store.Path, 2 * 8 * count * ((n + nTest) * (d + 1) + d), "exporting " + what);
    }

    private static RegressionProblem Generated(ResultStore store, StoredRun run, StoredDataset dataset)
    {
        var problem = SparseRegression.Generate(run.ProblemSpec());
        if (!(problem.BetaStar ?? []).AsSpan().SequenceEqual(dataset.BetaStar))
            throw new StoreFaultException(store.Path, $"dataset {run.DatasetKey}: its stored beta* differs from the one its settings generate; its X and y cannot be exported");
        return problem;
    }

    // rows x width, NaN-padded.
    private static void AddRows(NpzWriter npz, string name, IReadOnlyList<double[]> rows, int width)
    {
        var data = new double[rows.Count * width];
        Array.Fill(data, double.NaN);
        for (int i = 0; i < rows.Count; i++) rows[i].CopyTo(data, i * width);
        npz.Add(name, data, rows.Count, width);
    }

    // matrices x rows x cols, NaN-padded (a missing matrix all NaN).
    private static void AddMatrices(NpzWriter npz, string name, IReadOnlyList<Matrix?> matrices, int rows, int cols)
    {
        var data = new double[matrices.Count * rows * cols];
        Array.Fill(data, double.NaN);
        for (int k = 0; k < matrices.Count; k++)
            for (int i = 0; i < (matrices[k]?.Rows ?? 0); i++)
                matrices[k]!.Row(i).CopyTo(data.AsSpan((k * rows + i) * cols));
        npz.Add(name, data, [matrices.Count, rows, cols]);
    }
}
