using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests;

/// <summary>Small sweeps that run in well under a second, and helpers to compare stores.</summary>
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

    public static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static StoredRun Scalars(StoredRun r) => r with { WallSeconds = 0, Gain = [], Beta = [], LnAlphaInfSquared = [], BetaTilde0 = [] };
}
