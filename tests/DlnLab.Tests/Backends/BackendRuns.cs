using DlnLab.Backends;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Backends;

/// <summary>Runs of one spec on two backends, and the comparisons the backend tests make.</summary>
internal static class BackendRuns
{
    public static RegressionProblem Problem(int n, int d, ulong seed = 7) =>
        SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = Math.Min(3, d), NTest = 20, Seed = seed });

    public static RunResult On(IStepBackend backend, RegressionProblem p, TrainingOptions o) =>
        Trainer.Train(new PaddedDesign(p.X, p.Y), p, o.Validated(p.N, p.D), backend);

    /// <summary>|a_i - b_i| &lt;= tolerance max(||b||_inf, tiny) for every i.</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}[{i}]: {actual[i]:R} vs {expected[i]:R}");
    }

    /// <summary>Logarithms equal to an absolute tolerance, equal infinities equal.</summary>
    public static void CloseLogs(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == actual[i] || Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: {actual[i]:R} vs {expected[i]:R}");
    }
}
