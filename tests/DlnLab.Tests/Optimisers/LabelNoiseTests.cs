using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Randomness;
using DlnLab.Tests.Backends;
using DlnLab.Tests.Training;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>Label-noise SGD: the Simd backend against the Reference, its noise stream, its bad values (the textbook and zero cases: <see cref="OptimiserIterationTests"/>).</summary>
public class LabelNoiseTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 20, seed: 11);

    private static TrainingOptions Options(int b, double delta, long steps = 300) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.01), Seed = 4, Tolerance = 0, MaxSteps = steps, LabelNoise = delta,
    };

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
    public void SingleSampleAndPowerLabelNoiseRunOnTheReference()
    {
        var shape = new StepShape(ModelSpec.Uv, 12, 20, 1) { LabelNoise = true };
        Assert.False(SimdBackend.Instance.Supports(shape));
        Assert.Same(ReferenceBackend.Instance, StepBackends.For(shape));
        Assert.True(SimdBackend.Instance.Supports(shape with { BatchSize = 2 }));
        // power:D runs on the Simd backend without label noise only.
        Assert.Same(ReferenceBackend.Instance, StepBackends.For(shape with { Model = ModelSpec.Power(3), BatchSize = 12 }));
        Assert.Same(SimdBackend.Instance, StepBackends.For(shape with { Model = ModelSpec.Power(3), BatchSize = 12, LabelNoise = false }));
    }

    [Fact]
    public void TheNoiseStreamIsSeededFromTheRunSeedApartFromTheBatches()
    {
        Assert.Equal(SplitMix64.Derive(4, SplitMix64.Label("label-noise")), LabelNoise.SeedFor(4));
        Assert.NotEqual(LabelNoise.SeedFor(4), LabelNoise.SeedFor(5));
        // Same seed: the same noisy run, bit for bit.
        var first = Trainer.Train(Problem, Options(5, 0.3));
        var again = Trainer.Train(Problem, Options(5, 0.3));
        Assert.Equal(CanonicalOrder.Bits(first.Beta), CanonicalOrder.Bits(again.Beta));
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
