using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Tests.Backends;

/// <summary>
/// The Simd backend against the Reference backend on shapes covering every kernel path: padded lengths 8 to 32
/// (register-blocked sums), up to and above 64 (one and four accumulators, every tail of four-accumulator rows, in the
/// b = 1 loop too), b = 1, 1 &lt; b &lt; n and b = n; the report's start and general (u0, v0). The sums run in other orders, so
/// the agreement is to 1e-12 relative.
/// </summary>
public class SimdBackendTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int d in new[] { 5, 8, 13, 16, 24, 30, 32, 40, 64, 65, 80, 87, 96, 100, 130 })
            foreach (int b in new[] { 1, 3, 9 })
                data.Add(9, d, b);
        return data;
    }

    private static TrainingOptions Options(int b, long steps) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.004), Seed = 3, Tolerance = 0, MaxSteps = steps, CheckpointsPerDecade = 2,
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AgreesWithTheReferenceFromTheReportsStart(int n, int d, int b) =>
        AssertAgree(n, d, Options(b, 200));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AgreesWithTheReferenceFromAGeneralStart(int n, int d, int b)
    {
        // u0 and v0 of both signs, one coordinate with u0 = v0 (w- = 0) and one with u0 = -v0 (w+ = 0).
        var u0 = Enumerable.Range(0, d).Select(i => 0.1 + 0.01 * (i % 7)).ToArray();
        var v0 = Enumerable.Range(0, d).Select(i => 0.03 * ((i % 5) - 2)).ToArray();
        v0[0] = u0[0];
        if (d > 1) v0[1] = -u0[1];
        AssertAgree(n, d, Options(b, 200) with { U0 = ScaleOrVector.PerCoordinate(u0), V0 = ScaleOrVector.PerCoordinate(v0) });
    }

    /// <summary>What every model's run reports: steps, status, beta, the loss and max |gamma g|, to 1e-12 relative.</summary>
    private static void AssertTrainingAgrees(RunResult reference, RunResult simd)
    {
        Assert.Equal(reference.Steps, simd.Steps);
        Assert.Equal(reference.Status, simd.Status);
        BackendRuns.Close(reference.Beta, simd.Beta, 1e-12, "beta");
        Assert.Equal(reference.TrainLoss, simd.TrainLoss, 1e-12 * Math.Max(reference.TrainLoss, 1e-300) + 1e-14 * reference.Trajectory[0].TrainLoss);
        Assert.Equal(reference.MaxStepGradient, simd.MaxStepGradient, 1e-12 * reference.MaxStepGradient);
    }

    private static void AssertAgree(int n, int d, TrainingOptions o)
    {
        var p = BackendRuns.Problem(n, d);
        var simd = BackendRuns.On(SimdBackend.Instance, p, o);
        var reference = BackendRuns.On(ReferenceBackend.Instance, p, o);
        AssertTrainingAgrees(reference, simd);
        Assert.Equal(reference.SingularSteps, simd.SingularSteps);
        Assert.Equal(reference.Trajectory.Select(c => c.Step), simd.Trajectory.Select(c => c.Step));
        var (ri, si) = (reference.Implicit!, simd.Implicit!);
        BackendRuns.CloseLogs(ri.LnAlphaInfSquared, si.LnAlphaInfSquared, 1e-9, "ln alpha_inf^2");
        BackendRuns.CloseLogs(ri.LnAlphaPlusSquared, si.LnAlphaPlusSquared, 1e-9, "ln alpha_+^2");
        BackendRuns.CloseLogs(ri.LnAlphaMinusSquared, si.LnAlphaMinusSquared, 1e-9, "ln alpha_-^2");
        BackendRuns.Close(ri.Gain, si.Gain, 1e-9, "gain");
        BackendRuns.Close(ri.BetaTilde0, si.BetaTilde0, 1e-9, "beta0~");
        Assert.All(si.BetaTilde0, x => Assert.True(double.IsFinite(x)));
        Assert.All(simd.Beta, x => Assert.True(double.IsFinite(x)));
    }

    [Theory]
    [InlineData(30, 1)]
    [InlineData(100, 1)]
    [InlineData(30, 4)]
    [InlineData(100, 9)]
    public void WhereTheLoopSplitsTheStepsChangesNoBit(int d, int b)
    {
        // Loss checks and checkpoints decide where one Advance call ends and the next begins; the iterates, the
        // counters and the read-out must not depend on it, and a list schedule (read per step) must give the
        // constant schedule's bits.
        var p = BackendRuns.Problem(9, d);
        var o = Options(b, 1000) with { CheckpointsPerDecade = 0 };
        var expected = BackendRuns.On(SimdBackend.Instance, p, o);
        foreach (var variant in new[]
                 {
                     o with { LossCheckInterval = 1 }, o with { LossCheckInterval = 7 }, o with { CheckpointsPerDecade = 10 },
                     o with { Stepsize = StepsizeSchedule.List([0.004, 0.004]) },
                 })
        {
            var r = BackendRuns.On(SimdBackend.Instance, p, variant);
            Assert.Equal(expected.Beta.Select(BitConverter.DoubleToInt64Bits), r.Beta.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Implicit!.Gain.Select(BitConverter.DoubleToInt64Bits), r.Implicit!.Gain.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.MaxStepGradient), BitConverter.DoubleToInt64Bits(r.MaxStepGradient));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.TrainLoss), BitConverter.DoubleToInt64Bits(r.TrainLoss));
        }
    }

    public static TheoryData<int, int, int> PowerShapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int depth in new[] { 2, 3, 4 })
            foreach (int d in new[] { 5, 16, 30, 65, 130 })
                foreach (int b in new[] { 1, 3, 9 })
                    data.Add(depth, d, b);
        return data;
    }

    [Theory]
    [MemberData(nameof(PowerShapes))]
    public void RunsPowerModelsAsTheReferenceDoes(int depth, int d, int b)
    {
        var p = BackendRuns.Problem(9, d);
        var o = Options(b, 300) with { Model = ModelSpec.Power(depth), Alpha = 0.3, Stepsize = StepsizeSchedule.Constant(0.002 / (depth - 1)) };
        var simd = BackendRuns.On(SimdBackend.Instance, p, o);
        var reference = BackendRuns.On(ReferenceBackend.Instance, p, o);
        AssertTrainingAgrees(reference, simd);
        Assert.Equal(reference.Trajectory.Select(c => c.Step), simd.Trajectory.Select(c => c.Step));
        Assert.Null(simd.Implicit);
        // The run moved: beta is not its start (w+ = w- = alpha gives beta = 0).
        Assert.Contains(simd.Beta, x => Math.Abs(x) > 1e-6);
    }

    [Fact]
    public void SupportsTheUvAndPowerModels()
    {
        Assert.True(SimdBackend.Instance.Supports(new StepShape(ModelSpec.Uv, 20, 300, 1)));
        Assert.True(SimdBackend.Instance.Supports(new StepShape(ModelSpec.Power(3), 20, 30, 1)));
        Assert.Same(SimdBackend.Instance, StepBackends.For(new StepShape(ModelSpec.Power(2), 20, 30, 20)));
        Assert.Same(SimdBackend.Instance, StepBackends.For(new StepShape(ModelSpec.Uv, 20, 30, 20)));
    }
}
