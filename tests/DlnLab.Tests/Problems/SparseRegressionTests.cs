using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class SparseRegressionTests
{
    [Fact]
    public void GeneratedProblemHasTheSpecifiedShapeSparsityAndLabels()
    {
        var spec = new SparseRegressionSpec { N = 15, D = 40, S = 4, NTest = 30, Seed = 9 };
        var p = SparseRegression.Generate(spec);
        Assert.Equal(15, p.N);
        Assert.Equal(40, p.D);
        Assert.Equal(4, p.BetaStar!.Count(b => b != 0));
        Assert.Equal(30, p.XTest!.Rows);
        var xb = p.X.Multiply(p.BetaStar);
        for (int i = 0; i < p.N; i++) Assert.Equal(xb[i], p.Y[i], 1e-12);
        Assert.True(p.IsIsotropicGaussian);
    }

    [Fact]
    public void SameSeedSameProblemAndTestSetSizeDoesNotChangeTrainingData()
    {
        var a = SparseRegression.Generate(new SparseRegressionSpec { Seed = 4 });
        var b = SparseRegression.Generate(new SparseRegressionSpec { Seed = 4, NTest = 10 });
        var c = SparseRegression.Generate(new SparseRegressionSpec { Seed = 5 });
        Assert.Equal(a.X.Data, b.X.Data);
        Assert.Equal(a.BetaStar, b.BetaStar);
        Assert.NotEqual(a.X.Data, c.X.Data);
    }

    [Fact]
    public void LeadingSupportAndNoiseAreHonoured()
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec { S = 3, Support = SupportPlacement.Leading, Noise = 0.5, Nonzeros = NonzeroDistribution.Rademacher, NonzeroScale = 2 });
        Assert.All(p.BetaStar!.Take(3), b => Assert.Equal(2, Math.Abs(b)));
        Assert.All(p.BetaStar!.Skip(3), b => Assert.Equal(0, b));
        var xb = p.X.Multiply(p.BetaStar!);
        double noiseVariance = xb.Zip(p.Y, (a, y) => (y - a) * (y - a)).Average();
        Assert.InRange(noiseVariance, 0.05, 1.0);
    }

    [Fact]
    public void DesignEntriesAreStandardGaussian()
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec { N = 200, D = 100, S = 1, Seed = 2 });
        double mean = p.X.Data.Average();
        double variance = p.X.Data.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
    }

    [Theory]
    [InlineData(0, 30, 3, 1000, "n")]
    [InlineData(20, 0, 0, 1000, "d")]
    [InlineData(20, 30, 31, 1000, "s")]
    [InlineData(20, 30, 3, 0, "n-test")]
    public void BadSpecsNameTheField(int n, int d, int s, int nTest, string field)
    {
        var e = Assert.Throws<DlnLab.InvalidInputException>(() => SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = s, NTest = nTest }));
        Assert.Equal(field, e.Field);
    }
}
