using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>The one training loop: cancellation, and the same decisions whatever the backend.</summary>
public class TrainingLoopTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(20, 30, seed: 9);

    [Theory]
    [InlineData("uv", 1)]
    [InlineData("uv", 20)]
    [InlineData("power:3", 5)]
    public void ACancelledTokenStopsTheRunWithOperationCanceled(string model, int b)
    {
        var o = new TrainingOptions { Model = ModelSpec.Parse("model", model), BatchSize = b, Stepsize = StepsizeSchedule.Constant(1e-4), Tolerance = 0, MaxSteps = long.MaxValue / 2 };
        using var source = new CancellationTokenSource();
        source.CancelAfter(TimeSpan.FromMilliseconds(200));
        // Without cancellation this run would take years: finishing at all shows the loop checks the token.
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Train(Problem, o, source.Token));
    }

    [Fact]
    public void AnUncancelledTokenChangesNothing()
    {
        var o = new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.Constant(0.02), Tolerance = 1e-6, MaxSteps = 50_000 };
        using var source = new CancellationTokenSource();
        var withToken = Trainer.Train(Problem, o, source.Token);
        var without = Trainer.Train(Problem, o);
        Assert.Equal(without.Steps, withToken.Steps);
        Assert.Equal(without.Beta, withToken.Beta);
    }

    [Theory]
    [InlineData(1, 0.02)]
    [InlineData(4, 0.03)]
    [InlineData(20, 0.05)]
    [InlineData(20, 8.0)]
    public void StopsAndCheckpointsAtTheSameStepsOnEveryBackend(int b, double gamma)
    {
        var o = new TrainingOptions { BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Tolerance = 1e-5, MaxSteps = 100_000, Seed = 4 };
        var simd = BackendRuns.On(SimdBackend.Instance, Problem, o);
        var reference = BackendRuns.On(ReferenceBackend.Instance, Problem, o);
        Assert.Equal(reference.Status, simd.Status);
        Assert.Equal(reference.Steps, simd.Steps);
        Assert.Equal(reference.Trajectory.Select(c => c.Step), simd.Trajectory.Select(c => c.Step));
        Assert.Equal(reference.SingularSteps, simd.SingularSteps);
        Assert.Equal(reference.Bounced, simd.Bounced);
    }

    [Fact]
    public void ABackendThatDoesNotSupportTheModelIsRefused()
    {
        var o = new TrainingOptions { Model = ModelSpec.Power(2) };
        Assert.Throws<ArgumentException>(() => Trainer.Train(new PaddedDesign(Problem.X, Problem.Y), Problem, o, new UvOnlyBackend()));
    }

    /// <summary>A backend that takes the uv model only, as a new backend may (a GPU's first version, say).</summary>
    private sealed class UvOnlyBackend : IStepBackend
    {
        public string Name => "uv-only";

        public int VectorWidth => 1;

        public bool Supports(StepShape shape) => shape.Model.Kind == ModelKind.Uv;

        IStepper IStepBackend.Create(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, int renormalizeEvery,
            LabelNoise? labelNoise, double momentum) =>
            ((IStepBackend)ReferenceBackend.Instance).Create(model, design, sampler, schedule, renormalizeEvery, labelNoise, momentum);
    }
}
