using DlnLab.LinearAlgebra;
using DlnLab.Theory;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

public class GainShapePredictionTests
{
    /// <summary>Every b-subset of [n], in lexicographic order.</summary>
    private static IEnumerable<int[]> Subsets(int n, int b)
    {
        if (b == 0) { yield return []; yield break; }
        for (int first = 0; first <= n - b; first++)
            foreach (var rest in Subsets(n - first - 1, b - 1))
                yield return [first, .. rest.Select(r => r + first + 1)];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExpectedSquaredGradientEqualsTheAverageOverEveryBatch(bool fromNonzeroStart)
    {
        var p = Problem(n: 7, d: 5, s: 2, seed: 3);
        double[]? beta0 = fromNonzeroStart ? [0.3, -1, 0, 2, 0.5] : null;
        for (int b = 1; b <= p.N; b++)
        {
            var exact = new double[p.D];
            int count = 0;
            foreach (var batch in Subsets(p.N, b))
            {
                var g = new double[p.D];
                foreach (int i in batch)
                {
                    var row = p.X.Row(i);
                    double r = -p.Y[i];
                    if (beta0 is not null) for (int j = 0; j < p.D; j++) r += row[j] * beta0[j];
                    for (int j = 0; j < p.D; j++) g[j] += r * row[j] / b;
                }
                for (int j = 0; j < p.D; j++) exact[j] += g[j] * g[j];
                count++;
            }
            var predicted = GainShapePrediction.ExpectedSquaredGradient(p.X, p.Y, b, beta0);
            for (int j = 0; j < p.D; j++)
                Assert.Equal(exact[j] / count, predicted[j], 1e-9 * Math.Max(1, exact[j] / count));
        }
    }

    [Fact]
    public void OnlyTheVarianceTermFallsWithTheBatchSize()
    {
        var p = Problem();
        var full = GainShapePrediction.ExpectedSquaredGradient(p.X, p.Y, p.N);
        var mean = p.X.MultiplyTransposed(p.Y).Select(v => v / p.N).ToArray();
        for (int j = 0; j < p.D; j++) Assert.Equal(mean[j] * mean[j], full[j], 1e-9 * mean[j] * mean[j] + 1e-300);
        var single = GainShapePrediction.ExpectedSquaredGradient(p.X, p.Y, 1);
        // b = 1: the mean of a_i^2.
        for (int j = 0; j < p.D; j++)
            Assert.Equal(Enumerable.Range(0, p.N).Average(i => Math.Pow(p.Y[i] * p.X[i, j], 2)), single[j], 1e-9 * single[j]);
        double ratio = GainShapePrediction.ScaleRatio(p.X, p.Y, 1, p.N);
        Assert.InRange(ratio, 1, p.N + 1e-9);
        Assert.True(GainShapePrediction.ScaleRatio(p.X, p.Y, 1, 5) > GainShapePrediction.ScaleRatio(p.X, p.Y, 2, 5));
    }

    [Fact]
    public void CosineSimilarityIsScaleFreeAndRefusesZero()
    {
        double[] a = [1, 2, 3], b = [2, 4, 6], c = [3, -1, 0];
        Assert.Equal(1, GainShapePrediction.CosineSimilarity(a, b), 1e-15);
        Assert.Equal((3 - 2) / (Math.Sqrt(14) * Math.Sqrt(10)), GainShapePrediction.CosineSimilarity(a, c), 1e-15);
        Assert.True(double.IsNaN(GainShapePrediction.CosineSimilarity(a, [0, 0, 0])));
        Assert.Equal([0.5, 1, 1.5], GainShapePrediction.Normalised(a));
    }

    [Fact]
    public void BatchSmoothnessBoundsEveryBatchAndIsExactAtBothEnds()
    {
        var p = Problem(n: 8, d: 12, s: 2, seed: 4);
        for (int b = 1; b <= p.N; b++)
        {
            double largest = 0;
            foreach (var batch in Subsets(p.N, b))
            {
                var rows = new Matrix(b, p.D);
                for (int k = 0; k < b; k++) p.X.Row(batch[k]).CopyTo(rows.Row(k));
                var g = MatrixOperations.Gram(rows);
                for (int i = 0; i < g.Data.Length; i++) g.Data[i] /= b;
                largest = Math.Max(largest, SymmetricEigen.LargestEigenvalue(g));
            }
            double bound = ConvergenceThreshold.BatchSmoothness(p.X, b);
            Assert.True(bound >= largest * (1 - 1e-12), $"b = {b}: bound {bound} below the largest batch smoothness {largest}");
            if (b == 1 || b == p.N) Assert.Equal(largest, bound, 1e-10 * largest);
        }
    }

    [Fact]
    public void StabilityAtTheStartIsTwoOverTheSharpnessOfTheReportsStart()
    {
        var p = Problem();
        var alpha = Uniform(p.D, 0.1);
        double sharpness = Stability.SharpnessAt(p.X, alpha.Select(a => Math.Sqrt(2) * a).ToArray(), new double[p.D]);
        Assert.Equal(2 / sharpness, ConvergenceThreshold.GdStabilityAtStart(p.X, alpha), 1e-12);
        // With weights 2 alpha^2 the sharpness is 2 alpha^2 lambda_max(X X^T / n): a hundredfold smaller at alpha = 0.1 than at 1.
        Assert.Equal(ConvergenceThreshold.GdStabilityAtStart(p.X, Uniform(p.D, 1)) * 100, ConvergenceThreshold.GdStabilityAtStart(p.X, alpha), 1e-9);
        Assert.Equal(1 / 6.0, ConvergenceThreshold.GuaranteeScale(2, 3), 1e-15);
    }
}
