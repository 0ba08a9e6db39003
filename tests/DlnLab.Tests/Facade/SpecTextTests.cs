using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Facade;

public class SpecTextTests
{
    [Fact]
    public void AbsentKeysAreTheDefaultsOfTheRecords()
    {
        Assert.Equal(new SparseRegressionSpec(), SpecText.Problem(new Dictionary<string, string>()));
        var options = SpecText.Training(new Dictionary<string, string>(), 20, 30);
        var defaults = new TrainingOptions();
        Assert.Equal(defaults.Stepsize.Describe(), options.Stepsize.Describe());
        Assert.Equal((defaults.Alpha, defaults.BatchSize, defaults.Seed, defaults.MaxSteps, defaults.Tolerance),
            (options.Alpha, options.BatchSize, options.Seed, options.MaxSteps, options.Tolerance));
    }

    [Fact]
    public void ValuesAreReadAsTheCliReadsThem()
    {
        var values = SpecText.ParseLines("batch-size=n\nstepsize=inv:0.05,1000\nalpha=0.1,0.2,0.3\nu0=0.4\nmodel=uv\nmax-steps=1e5\nseed=18446744073709551615\n\n");
        var options = SpecText.Training(values, 12, 3);
        Assert.Equal(12, options.BatchSize);
        Assert.Equal("inv:0.05,1000", options.Stepsize.Describe());
        Assert.Equal([0.1, 0.2, 0.3], options.AlphaVector!);
        Assert.Equal(ScaleOrVector.Uniform(0.4), options.U0);
        Assert.Equal(100_000, options.MaxSteps);
        Assert.Equal(ulong.MaxValue, options.Seed);
        var problem = SpecText.Problem(SpecText.ParseLines("n=12\nd=3\ns=1\nnonzeros=Rademacher\nscale=2\ndata-seed=9"));
        Assert.Equal((12, 3, 1, NonzeroDistribution.Rademacher, 2.0, 9UL), (problem.N, problem.D, problem.S, problem.Nonzeros, problem.NonzeroScale, problem.Seed));
        var correlated = SpecText.Problem(SpecText.ParseLines("mean=-0.25\ncorrelation=0.7"));
        Assert.Equal((-0.25, 0.7), (correlated.Mean, correlated.Correlation));
        Assert.Equal(250, SpecText.Training(SpecText.ParseLines("checkpoint-every=250"), 20, 30).CheckpointEvery);
    }

    [Theory]
    [InlineData("batch-size=0", "--batch-size: got 0; must be an integer in [1, 20]")]
    [InlineData("batch-size=x", "--batch-size: got x; must be an integer in [1, n] = [1, 20], or n/full for full-batch GD")]
    [InlineData("tolerance=abc", "--tolerance: got abc; must be a number such as 0.5 or 1e-5")]
    [InlineData("seed=-1", "--seed: got -1; must be an integer in [0, 18446744073709551615]")]
    [InlineData("batch-mode=random", "--batch-mode: got random; must be one of uniform, epoch")]
    [InlineData("alpha=0.1,x", "--alpha: got 0.1,x; must be a number > 0, or d comma-separated numbers > 0")]
    [InlineData("u0=1,2", "--u0: has 2 entries but d = 30; they must match")]
    public void ABadTrainingValueGetsTheCliLine(string line, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => SpecText.Training(SpecText.ParseLines(line), 20, 30));
        Assert.Equal(message, SpecText.Message(error));
    }

    [Theory]
    [InlineData("n=0", "--n: got 0; must be a positive integer")]
    [InlineData("scale=-1", "--scale: got -1; must be a finite number > 0")]
    [InlineData("s=40", "--s: got 40; must be an integer in [0, d] = [0, 30]")]
    [InlineData("support=middle", "--support: got middle; must be one of random, leading")]
    [InlineData("correlation=1", "--correlation: got 1; must be a number in (-1, 1)")]
    [InlineData("mean=x", "--mean: got x; must be a number such as 0.5 or 1e-5")]
    public void ABadProblemValueGetsTheCliLine(string line, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => SpecText.Problem(SpecText.ParseLines(line)));
        Assert.Equal(message, SpecText.Message(error));
    }

    [Theory]
    [InlineData("stepsizes=0.1", "stepsizes: unknown key")]
    [InlineData("seed=1\nseed=2", "--seed: given twice; give it once")]
    [InlineData("seed", "--seed: got nothing; needs a value (key=value)")]
    public void LinesNameTheirKeyWhenTheyAreNotASpec(string text, string start)
    {
        var error = Assert.Throws<InvalidInputException>(() => SpecText.ParseLines(text));
        Assert.StartsWith(start, SpecText.Message(error));
    }

    [Fact]
    public void AMessageAboutAnotherFieldIsLeftAsItIs()
    {
        Assert.Equal("X: has 0 rows; need at least one sample", SpecText.Message(new InvalidInputException("X", "has 0 rows; need at least one sample")));
        Assert.Equal("--alpha[2]: got -1; must be > 0", SpecText.Message(new InvalidInputException("alpha[2]", -1, "must be > 0")));
    }
}
