using System.Diagnostics;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests;

/// <summary>Small sweeps (a handful of short runs), and helpers to compare stores.</summary>
internal static class TestSweeps
{
    public const string Toml = """
        name = "small"
        [seeds]
        seed = 5
        datasets = 2
        [problem]
        n = 20
        d = 30
        s = 3
        n_test = 50
        [training]
        alpha = 0.1
        batch_size = [1, "n"]
        max_steps = 3000
        tolerance = 1e-3
        [stepsize]
        values = [0.01, 0.02, 0.05]
        """;

    public static SweepSpec Small() => SweepSpecToml.Parse(Toml, "small.toml");

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dlnlab-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes <see cref="Toml"/> to small.toml in <paramref name="dir"/>; returns its path.</summary>
    public static string WriteToml(string dir)
    {
        var path = Path.Combine(dir, "small.toml");
        File.WriteAllText(path, Toml);
        return path;
    }

    /// <summary>
    /// Starts this assembly's <see cref="Program"/> in a child process that runs the sweep of <paramref name="specPath"/>
    /// into <paramref name="storePath"/>, sleeping <paramref name="sleepMilliseconds"/> after each stored run; its
    /// standard output and error are redirected.
    /// </summary>
    public static Process StartChildSweep(string specPath, string storePath, int sleepMilliseconds)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        string sleep = sleepMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var a in new[] { typeof(Program).Assembly.Location, "sweep", specPath, storePath, sleep }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>Equal keys, and every stored field bit-identical except the wall time.</summary>
    public static void AssertSameRuns(IReadOnlyList<StoredRun> expected, IReadOnlyList<StoredRun> actual)
    {
        Assert.Equal(expected.Select(r => r.Key), actual.Select(r => r.Key));
        Assert.Equal(expected.Count, actual.Select(r => r.Key).Distinct().Count());
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(Scalars(e), Scalars(a));
            AssertBits(e.Beta, a.Beta);
            AssertBits(e.Gain, a.Gain);
            AssertBits(e.LnAlphaInfSquared, a.LnAlphaInfSquared);
            AssertBits(e.BetaTilde0, a.BetaTilde0);
        }
    }

    /// <summary>
    /// Equal keys; for runs away from the edge of stability equal statuses and steps, and every number within
    /// <paramref name="relative"/> of the expected one.
    /// </summary>
    public static void AssertSameRunsToRounding(IReadOnlyList<StoredRun> expected, IReadOnlyList<StoredRun> actual, double relative)
    {
        Assert.Equal(expected.Select(r => r.Key), actual.Select(r => r.Key));
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            // A run at the edge of stability (it bounced, or some |gamma g| >= 1) amplifies the last bits of any change
            // in summation order into different trajectories; a diverged one is overflow. Neither is compared.
            if (e.Status == "Diverged" || e.Bounced || e.SingularSteps > 0) continue;
            Assert.Equal((e.Status, e.Steps, e.SingularSteps, e.Bounced), (a.Status, a.Steps, a.SingularSteps, a.Bounced));
            Close(e.TrainLoss, a.TrainLoss, relative);
            Close(e.TestLoss ?? 0, a.TestLoss ?? 0, relative);
            Close(e.GainL1, a.GainL1, relative);
            foreach (var (x, y) in new[] { (e.Beta, a.Beta), (e.Gain, a.Gain), (e.LnAlphaInfSquared, a.LnAlphaInfSquared) })
            {
                Assert.Equal(x.Length, y.Length);
                double scale = x.Length == 0 ? 0 : x.Max(Math.Abs);
                for (int j = 0; j < x.Length; j++) Assert.True(Math.Abs(x[j] - y[j]) <= relative * scale, $"run {e.Key}[{j}]: {x[j]} vs {y[j]}");
            }
        }
    }

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)) || Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{expected} vs {actual}");

    public static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static StoredRun Scalars(StoredRun r) => r with { WallSeconds = 0, Gain = [], Beta = [], LnAlphaInfSquared = [], BetaTilde0 = [] };
}
