using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Tests.Backends;

/// <summary>The training step allocates nothing: label-noise and power:D steps on the Simd backend, momentum on the Reference.</summary>
public class StepAllocationTests
{
    [Theory]
    [InlineData("simd", "uv", 3, 0.3, 0.0)]
    [InlineData("simd", "uv", 12, 0.3, 0.0)]
    [InlineData("simd", "power:3", 3, 0.0, 0.0)]
    [InlineData("simd", "power:3", 12, 0.0, 0.0)]
    [InlineData("reference", "uv", 3, 0.3, 0.5)]
    [InlineData("reference", "power:3", 12, 0.3, 0.5)]
    public void AdvanceAllocatesNothing(string backendName, string modelSpec, int b, double labelNoise, double momentum)
    {
        var p = BackendRuns.Problem(12, 20);
        IStepBackend backend = backendName == "simd" ? SimdBackend.Instance : ReferenceBackend.Instance;
        var o = new TrainingOptions
        {
            Model = ModelSpec.Parse("model", modelSpec), BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.002), Seed = 3, Tolerance = 0,
            LabelNoise = labelNoise, Momentum = momentum, Alpha = 0.3,
        }.Validated(p.N, p.D);
        var design = new PaddedDesign(p.X, p.Y);
        Assert.True(backend.Supports(Trainer.Shape(design, o)));
        var stepper = backend.Create(Model.Create(o.Model, o.AlphaFor(p.D), null, null), design, new BatchSampler(p.N, b, o.BatchMode, o.Seed),
            o.Stepsize, Trainer.RenormalizeEvery, LabelNoise.For(o), o.Momentum);
        var counters = new StepCounters();
        stepper.Loss();
        stepper.Advance(0, 50, ref counters, out _); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        stepper.Advance(50, 550, ref counters, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
