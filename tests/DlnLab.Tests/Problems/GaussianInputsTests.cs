using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Problems;

/// <summary>Non-isotropic inputs: the sampler, and the exact population loss against a Monte Carlo estimate.</summary>
public class GaussianInputsTests
{
    [Theory]
    [InlineData(1.5, 0.0)]
    [InlineData(0.0, 0.7)]
    [InlineData(-0.8, -0.5)]
    public void ThePopulationLossMatchesAMonteCarloEstimateOnAMillionSamples(double mean, double correlation)
    {
        // The test set of 1e6 points is a Monte Carlo sample of the population: its loss estimates the expectation
        // with relative standard error sqrt(2 / 1e6) = 0.14%.
        var spec = new SparseRegressionSpec { N = 5, D = 6, S = 2, Noise = 0.5, NTest = 1_000_000, Mean = mean, Correlation = correlation, Seed = 11 };
        var problem = SparseRegression.Generate(spec);
        var metrics = new IterateMetrics(problem);
        double[] beta = problem.BetaStar!.Select((b, i) => b + (i % 3 - 1) * 2.0 + 0.5).ToArray();
        double exact = metrics.PopulationLoss(beta)!.Value;
        double monteCarlo = metrics.TestLoss(beta)!.Value;
        Assert.InRange(monteCarlo / exact, 0.99, 1.01);
        // Against the formula written with the dense matrix Sigma + mu mu^T.
        double dense = 0;
        var v = beta.Zip(problem.BetaStar!, (a, b) => a - b).ToArray();
        for (int i = 0; i < v.Length; i++)
            for (int j = 0; j < v.Length; j++)
                dense += v[i] * v[j] * (Math.Pow(correlation, Math.Abs(i - j)) + mean * mean);
        Assert.Equal(0.5 * dense + 0.125, exact, 1e-10 * exact);
    }

    [Fact]
    public void TheSampleCovarianceIsToeplitzAndTheMeanShiftsEveryEntry()
    {
        const double rho = 0.6, mu = 2;
        var x = SparseRegression.Generate(new SparseRegressionSpec { N = 5, D = 4, NTest = 400_000, Correlation = rho, Seed = 3 }).XTest!;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                double c = 0;
                for (int r = 0; r < x.Rows; r++) c += x[r, i] * x[r, j];
                Assert.Equal(Math.Pow(rho, Math.Abs(i - j)), c / x.Rows, 0.01);
            }
        var centered = SparseRegression.Generate(new SparseRegressionSpec { Correlation = rho, Seed = 3 });
        var shifted = SparseRegression.Generate(new SparseRegressionSpec { Correlation = rho, Mean = mu, Seed = 3 });
        Assert.Equal(centered.BetaStar, shifted.BetaStar);
        for (int k = 0; k < centered.X.Data.Length; k++) Assert.Equal(centered.X.Data[k] + mu, shifted.X.Data[k], 1e-12);
    }

    [Fact]
    public void DefaultInputsKeepTheirBitsAndTheIsotropicLoss()
    {
        var before = SparseRegression.Generate(new SparseRegressionSpec());
        var zero = SparseRegression.Generate(new SparseRegressionSpec { Mean = 0, Correlation = 0 });
        Assert.Equal(before.X.Data, zero.X.Data);
        Assert.True(before.IsIsotropicGaussian);
        var beta = new double[30];
        double dist2 = before.BetaStar!.Sum(b => b * b);
        Assert.Equal(0.5 * dist2, new IterateMetrics(before).PopulationLoss(beta));
        Assert.False(SparseRegression.Generate(new SparseRegressionSpec { Mean = 1 }).IsIsotropicGaussian);
    }

    [Theory]
    [InlineData(double.NaN, 0.0, "mean")]
    [InlineData(double.PositiveInfinity, 0.0, "mean")]
    [InlineData(0.0, 1.0, "correlation")]
    [InlineData(0.0, -1.0, "correlation")]
    [InlineData(0.0, double.NaN, "correlation")]
    public void BadDistributionsAreRefusedNamingTheField(double mean, double correlation, string field)
    {
        var e = Assert.Throws<InvalidInputException>(() => new SparseRegressionSpec { Mean = mean, Correlation = correlation }.Validated());
        Assert.Equal(field, e.Field);
    }
}
