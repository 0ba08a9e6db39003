using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Tests.Training;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>
/// Label noise and momentum: a zero value gives plain (S)GD bit for bit, and the Reference iteration agrees with the
/// textbook one (<see cref="TextbookIteration"/>) to 1e-12 for every model, batch size and start.
/// </summary>
public class OptimiserIterationTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 20, seed: 13);

    private static TrainingOptions Options(int b, long steps) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.002), Seed = 6, Tolerance = 0, MaxSteps = steps,
    };

    public static TheoryData<int, bool> ZeroCases()
    {
        var data = new TheoryData<int, bool>();
        foreach (int b in new[] { 1, 5, 12 })
            foreach (bool momentum in new[] { false, true })
                data.Add(b, momentum);
        return data;
    }

    [Theory]
    [MemberData(nameof(ZeroCases))]
    public void ZeroGivesTheBitsOfPlainSgd(int b, bool momentum)
    {
        var plain = Trainer.Train(Problem, Options(b, 300));
        var zero = Trainer.Train(Problem, momentum ? Options(b, 300) with { Momentum = 0.0 } : Options(b, 300) with { LabelNoise = 0.0 });
        Assert.Equal(plain.Steps, zero.Steps);
        Assert.Equal(CanonicalOrder.Bits(plain.Beta), CanonicalOrder.Bits(zero.Beta));
        Assert.Equal(CanonicalOrder.Bits(plain.Implicit!.Gain), CanonicalOrder.Bits(zero.Implicit!.Gain));
        // And a nonzero value does change the run.
        var other = Trainer.Train(Problem, momentum ? Options(b, 300) with { Momentum = 0.5 } : Options(b, 300) with { LabelNoise = 0.5 });
        Assert.NotEqual(CanonicalOrder.Bits(plain.Beta), CanonicalOrder.Bits(other.Beta));
    }

    public static TheoryData<string, int, double, double> TextbookCases() => new()
    {
        { "uv", 1, 0.3, 0 }, { "uv", 4, 0.3, 0 }, { "uv", 12, 0.3, 0 }, { "power:2", 4, 0.3, 0 }, { "power:3", 12, 0.3, 0 },
        { "uv", 1, 0, 0.5 }, { "uv", 4, 0, 0.9 }, { "uv", 12, 0, 0.7 }, { "power:2", 4, 0, 0.5 }, { "power:3", 12, 0, 0.8 },
        { "uv", 3, 0.2, 0.6 },
    };

    [Theory]
    [MemberData(nameof(TextbookCases))]
    public void TheReferenceIsTheTextbookIteration(string model, int b, double labelNoise, double momentum)
    {
        var o = Options(b, 250) with { Model = ModelSpec.Parse("model", model), Alpha = 0.3, LabelNoise = labelNoise, Momentum = momentum };
        var run = BackendRuns.On(DlnLab.Backends.ReferenceBackend.Instance, Problem, o);
        Assert.All(run.Beta, x => Assert.True(double.IsFinite(x) && Math.Abs(x) < 100));
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 250), run.Beta, 1e-12, "beta");
    }

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(0, 0.6)]
    [InlineData(0.2, 0.6)]
    public void TheReferenceIsTheTextbookIterationFromAGeneralStart(double labelNoise, double momentum)
    {
        var o = Options(3, 250) with { LabelNoise = labelNoise, Momentum = momentum, U0 = ScaleOrVector.Uniform(0.2), V0 = ScaleOrVector.Uniform(-0.05) };
        var run = BackendRuns.On(DlnLab.Backends.ReferenceBackend.Instance, Problem, o);
        BackendRuns.Close(TextbookIteration.Beta(Problem, o, 250), run.Beta, 1e-12, "beta");
    }
}
