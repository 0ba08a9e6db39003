using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>Heavy-ball momentum: M = 0 is plain (S)GD bit for bit, the Reference is the textbook iteration, runs go to the Reference.</summary>
public class MomentumTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 20, seed: 13);

    private static TrainingOptions Options(int b, double momentum, long steps = 300) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.002), Seed = 6, Tolerance = 0, MaxSteps = steps, Momentum = momentum,
    };

    private static long[] Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void ZeroMomentumGivesTheBitsOfPlainSgd(int b)
    {
        var plain = Trainer.Train(Problem, Options(b, 0) with { Momentum = new TrainingOptions().Momentum });
        var zero = Trainer.Train(Problem, Options(b, 0.0));
        Assert.Equal(plain.Steps, zero.Steps);
        Assert.Equal(Bits(plain.Beta), Bits(zero.Beta));
        Assert.Equal(Bits(plain.Implicit!.Gain), Bits(zero.Implicit!.Gain));
        var heavy = Trainer.Train(Problem, Options(b, 0.5));
        Assert.NotEqual(Bits(plain.Beta), Bits(heavy.Beta));
    }

    [Theory]
    [InlineData("uv", 1, 0.5)]
    [InlineData("uv", 4, 0.9)]
    [InlineData("uv", 12, 0.7)]
    [InlineData("power:2", 4, 0.5)]
    [InlineData("power:3", 12, 0.8)]
    public void TheReferenceIsTheTextbookIteration(string model, int b, double momentum)
    {
        var o = Options(b, momentum, steps: 250) with { Model = ModelSpec.Parse("model", model), Alpha = 0.3 };
        var run = Trainer.Train(Problem, o);
        Assert.All(run.Beta, x => Assert.True(double.IsFinite(x) && Math.Abs(x) < 100));
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 250), run.Beta, 1e-12, "beta");
    }

    [Fact]
    public void TheReferenceIsTheTextbookIterationWithLabelNoiseFromAGeneralStart()
    {
        var o = Options(3, 0.6, steps: 250) with { LabelNoise = 0.2, U0 = ScaleOrVector.Uniform(0.2), V0 = ScaleOrVector.Uniform(-0.05) };
        var run = Trainer.Train(Problem, o);
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 250), run.Beta, 1e-12, "beta");
    }

    [Fact]
    public void MomentumRunsOnTheReferenceWithoutTheUvReadOut()
    {
        var shape = new StepShape(ModelSpec.Uv, 12, 20, 12) { Momentum = true };
        Assert.False(SimdBackend.Instance.Supports(shape));
        Assert.Same(ReferenceBackend.Instance, StepBackends.For(shape));
        var run = Trainer.Train(Problem, Options(12, 0.5));
        Assert.Null(run.Implicit);
        Assert.True(double.IsNaN(run.GainL1));
        Assert.False(Options(12, 0.5).IsPlainSgd);
    }

    [Fact]
    public void TheEffectiveStepsizeIsGammaOverOneMinusMSquared()
    {
        Assert.Equal(0.04, HeavyBall.EffectiveStepsize(0.01, 0.5), 1e-15);
        Assert.Equal(0.002, Options(1, 0).EffectiveStepsize);
        Assert.Equal(0.2, Options(1, 0.9).EffectiveStepsize, 1e-12);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void BadMomentumIsRefusedNamingTheField(double momentum)
    {
        var e = Assert.Throws<InvalidInputException>(() => Options(1, momentum).Validated(12, 20));
        Assert.Equal("momentum", e.Field);
        Assert.Contains("[0, 1)", e.Message);
    }
}
