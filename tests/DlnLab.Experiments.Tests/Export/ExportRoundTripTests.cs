using System.Diagnostics;
using System.Text.Json;
using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Problems;

namespace DlnLab.Experiments.Tests.Export;

/// <summary>
/// An export read back by numpy (np.load, np.genfromtxt) and pandas gives every stored number bit for bit: each run
/// column, vector and trajectory, each dataset's beta*, X, y and test set, the gradient-flow references and the thresholds.
/// </summary>
public class ExportRoundTripTests
{
    private const string Python = "/usr/bin/python3";

    // Relative stepsizes (so thresholds), kept trajectories, two batch sizes, two datasets, the theory checks (references).
    private const string Spec = """
        name = "round trip"
        [seeds]
        seed = 11
        datasets = 2
        [problem]
        n = 12
        d = 9
        s = 2
        n_test = 7
        [training]
        alpha = 0.1
        batch_size = [1, "n"]
        max_steps = 3000
        tolerance = 1e-3
        keep_trajectories = true
        checkpoints_per_decade = 3
        [stepsize]
        relative = [0.5, 1]
        """;

    // Every array as {kind, shape, values}: floats as the decimal of their 64 bits (NaN as nan: a NaN's sign and payload
    // are no stored number, the store keeps NaN as NULL), integers as decimals, text as text.
    private const string Script = """
        import json, sys
        import numpy as np
        import pandas as pd
        def col(a):
            a = np.asarray(a)
            if a.dtype.kind == 'f':
                f = a.astype(np.float64).reshape(-1)
                return {'kind': 'f', 'shape': list(a.shape), 'values': ['nan' if np.isnan(x) else str(v) for x, v in zip(f, f.view(np.uint64))]}
            if a.dtype.kind in 'iu':
                return {'kind': a.dtype.kind, 'shape': list(a.shape), 'values': [str(v) for v in a.reshape(-1)]}
            return {'kind': a.dtype.kind, 'shape': list(a.shape), 'values': [str(v) for v in a.reshape(-1)]}
        out = {}
        z = np.load(sys.argv[1] + '/runs.npz', allow_pickle=False)
        out['npz'] = {k: col(z[k]) for k in z.files}
        for name in ('runs', 'thresholds'):
            path = sys.argv[1] + '/' + name + '.csv'
            c = np.genfromtxt(path, delimiter=',', names=True, dtype=None, encoding=None)
            out[name + '.csv'] = {k: col(c[k]) for k in c.dtype.names}
            p = pd.read_csv(path, float_precision='round_trip', keep_default_na=False, na_values=['nan'])
            out[name + '.pandas'] = {k: col(p[k].to_numpy()) for k in p.columns}
        print(json.dumps(out))
        """;

    [Fact]
    public void NumpyAndPandasReadBackEveryStoredNumberBitForBit()
    {
        if (!File.Exists(Python)) return; // numpy and pandas come with .ci/run; a bare build machine may lack python
        var dir = TestSweeps.TempDir();
        var spec = SweepSpecToml.Parse(Spec, "round-trip.toml");
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        SweepRunner.Run(spec, store, TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = 2 }));
        var outDir = Path.Combine(dir, "export");
        StoreExporter.Export(store, outDir, testSet: true);
        var read = ReadWithPython(outDir);
        if (read is null) return;
        var npz = read.Value.GetProperty("npz");
        var runs = store.Runs();
        Assert.Contains(runs, r => r.BatchSeed >= 1UL << 63); // a seed that only survives as an integer of the same bits

        foreach (var column in RunColumns.ExportedScalars)
        {
            var expected = runs.Select(r => Expected(column, r[column])).ToArray();
            AssertColumn(npz, column.Name, expected, column.Name);
            foreach (string csv in (string[])["runs.csv", "runs.pandas"])
            {
                var values = read.Value.GetProperty(csv).GetProperty(column.Name);
                // Seeds: signed integers with the seed's bits; the rest as in the store.
                var fromCsv = Values(values).Select((v, i) => column.Type == ColumnType.Unsigned ? unchecked((ulong)long.Parse(v)).ToString() : v).ToArray();
                Assert.True(expected.SequenceEqual(fromCsv), $"{csv} {column.Name}: {string.Join(" ", fromCsv.Take(4))} vs {string.Join(" ", expected.Take(4))}");
                if (column.Type == ColumnType.Unsigned) Assert.Equal("i", values.GetProperty("kind").GetString());
            }
        }
        foreach (var vector in RunColumns.ExportedVectors.Concat(RunColumns.Trajectories))
        {
            var matrix = Shape(npz, vector.Name);
            int width = matrix.Skip(1).Aggregate(1, (a, b) => a * b);
            var values = Values(npz.GetProperty(vector.Name));
            for (int i = 0; i < runs.Count; i++)
            {
                var stored = (double[])runs[i][vector]!;
                var row = values.Skip(i * width).Take(width).ToArray();
                // A trajectory's per-coordinate rows are d wide (all runs share d here), so a run's values lead its row.
                Assert.Equal(stored.Select(Bits), row.Take(stored.Length));
                Assert.All(row.Skip(stored.Length), v => Assert.Equal(Bits(double.NaN), v));
            }
        }

        // The datasets: stored beta*, and X, y, X_test, y_test as the sweep generated them for training.
        var datasetKeys = Values(npz.GetProperty("datasets_key"));
        Assert.Equal(2, datasetKeys.Length);
        var storedDatasets = store.Datasets().ToDictionary(d => d.Key);
        var problems = spec.Expand().GroupBy(r => r.DatasetKey).ToDictionary(g => g.Key, g => SparseRegression.Generate(g.First().Problem()));
        AssertColumn(npz, "beta_star", [.. datasetKeys.SelectMany(k => storedDatasets[k].BetaStar.Select(Bits))], "beta_star");
        AssertColumn(npz, "X", [.. datasetKeys.SelectMany(k => problems[k].X.Data.Select(Bits))], "X");
        AssertColumn(npz, "y", [.. datasetKeys.SelectMany(k => problems[k].Y.Select(Bits))], "y");
        AssertColumn(npz, "X_test", [.. datasetKeys.SelectMany(k => problems[k].XTest!.Data.Select(Bits))], "X_test");
        AssertColumn(npz, "y_test", [.. datasetKeys.SelectMany(k => problems[k].YTest!.Select(Bits))], "y_test");
        Assert.Equal([2, 12, 9], Shape(npz, "X"));
        Assert.Equal([2, 7, 9], Shape(npz, "X_test"));
        AssertColumn(npz, "datasets_data_seed", [.. datasetKeys.Select(k => storedDatasets[k].DataSeed.ToString())], "datasets_data_seed");
        AssertColumn(npz, "run_dataset", [.. runs.Select(r => Array.IndexOf(datasetKeys, r.DatasetKey).ToString())], "run_dataset");

        var references = store.References();
        Assert.NotEmpty(references);
        AssertColumn(npz, "references_value", [.. references.Select(r => Bits(r.Value))], "references_value");
        AssertColumn(npz, "references_name", [.. references.Select(r => r.Name)], "references_name");
        AssertColumn(npz, "references_dataset", [.. references.Select(r => Array.IndexOf(datasetKeys, r.DatasetKey).ToString())], "references_dataset");

        var thresholds = store.Thresholds();
        Assert.Equal(4, thresholds.Count);
        for (int j = 0; j < StoreRows.ThresholdColumns.Length; j++)
        {
            string name = StoreRows.ThresholdColumns[j];
            var expected = thresholds.Select(t => Expected(null, StoreRows.ThresholdValues(t)[j])).ToArray();
            AssertColumn(npz, "thresholds_" + name, expected, "thresholds_" + name);
            foreach (string csv in (string[])["thresholds.csv", "thresholds.pandas"])
            {
                var values = Values(read.Value.GetProperty(csv).GetProperty(name));
                if (name == "batch_seed") values = [.. values.Select(v => unchecked((ulong)long.Parse(v)).ToString())];
                Assert.True(expected.SequenceEqual(values), $"{csv} {name}");
            }
        }
    }

    private static string Bits(double x) => double.IsNaN(x) ? "nan" : unchecked((ulong)BitConverter.DoubleToInt64Bits(x)).ToString();

    // A stored value as the script prints it (words for enum columns, flags as 0 and 1, a missing number as NaN).
    private static string Expected(RunColumn? column, object? value) => (column is null ? value : Words.Exported(column, value)) switch
    {
        null => Bits(double.NaN),
        double x => Bits(x),
        bool b => b ? "1" : "0",
        string s => s,
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static void AssertColumn(JsonElement npz, string name, string[] expected, string what)
    {
        var values = Values(npz.GetProperty(name));
        Assert.True(expected.SequenceEqual(values), $"{what}: {values.Length} values, {expected.Length} expected; first {string.Join(" ", values.Take(3))} vs {string.Join(" ", expected.Take(3))}");
    }

    private static string[] Values(JsonElement array) => [.. array.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)];

    private static int[] Shape(JsonElement npz, string name) => [.. npz.GetProperty(name).GetProperty("shape").EnumerateArray().Select(v => v.GetInt32())];

    private static JsonElement? ReadWithPython(string folder)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", Script, folder }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (error.Contains("No module named 'numpy'")) return null;
        Assert.True(p.ExitCode == 0, error);
        return JsonDocument.Parse(output.Result).RootElement;
    }
}
