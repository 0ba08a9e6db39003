using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Randomness;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>Label-noise SGD: delta = 0 is plain SGD bit for bit, the Reference is the textbook iteration, the Simd backend agrees with it.</summary>
public class LabelNoiseTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 20, seed: 11);

    private static TrainingOptions Options(int b, double delta, long steps = 300) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.01), Seed = 4, Tolerance = 0, MaxSteps = steps, LabelNoise = delta,
    };

    private static long[] Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void ZeroLabelNoiseGivesTheBitsOfPlainSgd(int b)
    {
        var plain = Trainer.Train(Problem, Options(b, 0) with { LabelNoise = new TrainingOptions().LabelNoise });
        var zero = Trainer.Train(Problem, Options(b, 0.0));
        Assert.Equal(plain.Steps, zero.Steps);
        Assert.Equal(Bits(plain.Beta), Bits(zero.Beta));
        Assert.Equal(Bits(plain.Implicit!.Gain), Bits(zero.Implicit!.Gain));
        // And the noise does change the run.
        var noisy = Trainer.Train(Problem, Options(b, 0.5));
        Assert.NotEqual(Bits(plain.Beta), Bits(noisy.Beta));
    }

    [Theory]
    [InlineData("uv", 1)]
    [InlineData("uv", 4)]
    [InlineData("uv", 12)]
    [InlineData("power:2", 4)]
    [InlineData("power:3", 12)]
    public void TheReferenceIsTheTextbookIteration(string model, int b)
    {
        var o = Options(b, 0.3, steps: 200) with { Model = ModelSpec.Parse("model", model), Alpha = 0.3 };
        var run = BackendRuns.On(ReferenceBackend.Instance, Problem, o);
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 200), run.Beta, 1e-12, "beta");
    }

    [Fact]
    public void TheReferenceIsTheTextbookIterationFromAGeneralStart()
    {
        var o = Options(3, 0.2, steps: 200) with { U0 = ScaleOrVector.Uniform(0.2), V0 = ScaleOrVector.Uniform(-0.05) };
        var run = BackendRuns.On(ReferenceBackend.Instance, Problem, o);
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 200), run.Beta, 1e-12, "beta");
    }

    [Theory]
    [InlineData(20, 3)]
    [InlineData(20, 20)]
    [InlineData(70, 9)]
    [InlineData(70, 9, true)]
    public void TheSimdBackendAgreesWithTheReference(int d, int b, bool generalStart = false)
    {
        var p = BackendRuns.Problem(b == 20 ? 20 : 9 + b, d, seed: 5);
        var o = Options(b, 0.4, steps: 300);
        if (generalStart) o = o with { U0 = ScaleOrVector.Uniform(0.15), V0 = ScaleOrVector.Uniform(0.05) };
        Assert.Same(SimdBackend.Instance, StepBackends.For(Trainer.Shape(new PaddedDesign(p.X, p.Y), o)));
        var simd = BackendRuns.On(SimdBackend.Instance, p, o);
        var reference = BackendRuns.On(ReferenceBackend.Instance, p, o);
        Assert.Equal(reference.Steps, simd.Steps);
        BackendRuns.Close(reference.Beta, simd.Beta, 1e-12, "beta");
        BackendRuns.Close(reference.Implicit!.Gain, simd.Implicit!.Gain, 1e-9, "gain");
        Assert.Equal(reference.TrainLoss, simd.TrainLoss, 1e-12 * reference.TrainLoss);
    }

    [Fact]
    public void SingleSampleLabelNoiseRunsOnTheReference()
    {
        var shape = new StepShape(ModelSpec.Uv, 12, 20, 1) { LabelNoise = true };
        Assert.False(SimdBackend.Instance.Supports(shape));
        Assert.Same(ReferenceBackend.Instance, StepBackends.For(shape));
        Assert.True(SimdBackend.Instance.Supports(shape with { BatchSize = 2 }));
    }

    [Fact]
    public void TheNoiseStreamIsSeededFromTheRunSeedApartFromTheBatches()
    {
        Assert.Equal(SplitMix64.Derive(4, SplitMix64.Label("label-noise")), LabelNoise.SeedFor(4));
        Assert.NotEqual(LabelNoise.SeedFor(4), LabelNoise.SeedFor(5));
        // Same seed: the same noisy run, bit for bit.
        var first = Trainer.Train(Problem, Options(5, 0.3));
        var again = Trainer.Train(Problem, Options(5, 0.3));
        Assert.Equal(Bits(first.Beta), Bits(again.Beta));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadLabelNoiseIsRefusedNamingTheField(double delta)
    {
        var e = Assert.Throws<InvalidInputException>(() => Options(1, delta).Validated(12, 20));
        Assert.Equal("label-noise", e.Field);
        Assert.Contains(">= 0", e.Message);
    }
}
