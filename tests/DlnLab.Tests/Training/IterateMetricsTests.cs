using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>The test loss: at beta = 0 (the report's start) it skips the dot products and must give the same bits.</summary>
public class IterateMetricsTests
{
    private static double Definition(RegressionProblem problem, double[] beta)
    {
        double sum = 0;
        for (int i = 0; i < problem.XTest!.Rows; i++)
        {
            double r = System.Numerics.Tensors.TensorPrimitives.Dot(problem.XTest.Row(i), beta) - problem.YTest![i];
            sum += r * r;
        }
        return sum / (2.0 * problem.XTest.Rows);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void TheTestLossAtZeroIsTheDefinitionsBits(double noise)
    {
        var problem = SparseRegression.Generate(new SparseRegressionSpec { N = 7, D = 13, S = 3, Noise = noise, NTest = 500, Seed = 5 });
        var metrics = new IterateMetrics(problem);
        // +0 and -0 entries alike (a state's beta can hold -0), and the zero vector itself.
        var signedZeros = Enumerable.Range(0, 13).Select(i => i % 2 == 0 ? 0.0 : -0.0).ToArray();
        foreach (var zero in new[] { new double[13], signedZeros })
            Assert.Equal(BitConverter.DoubleToInt64Bits(Definition(problem, zero)), BitConverter.DoubleToInt64Bits(metrics.TestLoss(zero)!.Value));
        // One nonzero coordinate takes the dot products.
        var beta = new double[13];
        beta[12] = 1e-300;
        Assert.Equal(BitConverter.DoubleToInt64Bits(Definition(problem, beta)), BitConverter.DoubleToInt64Bits(metrics.TestLoss(beta)!.Value));
        beta[12] = 0.7;
        Assert.Equal(BitConverter.DoubleToInt64Bits(Definition(problem, beta)), BitConverter.DoubleToInt64Bits(metrics.TestLoss(beta)!.Value));
    }
}
