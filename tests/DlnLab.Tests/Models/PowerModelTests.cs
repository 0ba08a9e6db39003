using DlnLab.Backends;
using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Models;

/// <summary>power:D, beta = w+^D - w-^D from w±0 = alpha (MATH.md, "Depth D").</summary>
public class PowerModelTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 25, seed: 4);

    private static TrainingOptions Options(ModelSpec model, int b, double gamma, long steps) => new()
    {
        Model = model, BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 8, Tolerance = 0, MaxSteps = steps, Alpha = 0.2,
    };

    /// <summary>
    /// With X' = sqrt(2) X and y' = y / sqrt(2), the beta-space gradient of uv at beta_uv equals power:2's at
    /// beta_power = 2 beta_uv, and one power:2 step at gamma is the rotated uv step at 2 gamma: the same w± for ever.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void DepthTwoIsUvWithTheStepsizeDoubledAndBetaDoubled(int b)
    {
        var p = Problem;
        var scaled = new Matrix(p.N, p.D);
        for (int i = 0; i < p.N; i++) for (int j = 0; j < p.D; j++) scaled[i, j] = Math.Sqrt(2) * p.X[i, j];
        var uvProblem = p with { X = scaled, Y = p.Y.Select(y => y / Math.Sqrt(2)).ToArray() };
        const double gamma = 0.01;
        var power = BackendRuns.On(ReferenceBackend.Instance, p, Options(ModelSpec.Power(2), b, gamma, 400));
        foreach (var backend in new IStepBackend[] { ReferenceBackend.Instance, SimdBackend.Instance })
        {
            var uv = BackendRuns.On(backend, uvProblem, Options(ModelSpec.Uv, b, 2 * gamma, 400));
            BackendRuns.Close(power.Beta, uv.Beta.Select(x => 2 * x).ToArray(), 1e-12, $"beta on {backend.Name}");
            Assert.Equal(power.MaxStepGradient, uv.MaxStepGradient / 2, 1e-12 * power.MaxStepGradient);
            // y' - X' beta_uv = (y - X beta_power) / sqrt(2): the uv loss is half the power:2 loss.
            Assert.Equal(power.TrainLoss, 2 * uv.TrainLoss, 1e-12 * power.Trajectory[0].TrainLoss);
        }
        Assert.True(power.TrainLoss < 0.5 * power.Trajectory[0].TrainLoss, "the runs must have moved");
    }

    [Theory]
    [InlineData(3, 0.002)]
    [InlineData(4, 0.001)]
    public void SmallStepsizeGdDecreasesTheLossToTheTolerance(int depth, double gamma)
    {
        var p = Problem;
        var r = Trainer.Train(p, Options(ModelSpec.Power(depth), p.N, gamma, 400_000) with { Tolerance = 1e-6, Alpha = 0.3 });
        Assert.Equal(RunStatus.Converged, r.Status);
        Assert.True(r.TrainLoss <= 1e-6);
        var losses = r.Trajectory.Select(c => c.TrainLoss).ToArray();
        for (int i = 1; i < losses.Length; i++) Assert.True(losses[i] <= losses[i - 1], $"loss rose at checkpoint {i}");
        var residual = p.X.Multiply(r.Beta).Zip(p.Y, (a, y) => a - y).Sum(t => t * t) / (2 * p.N);
        Assert.Equal(residual, r.TrainLoss, 1e-12);
    }

    [Fact]
    public void ReportsNoImplicitBiasQuantities()
    {
        var r = Trainer.Train(Problem, Options(ModelSpec.Power(3), 1, 0.002, 500));
        Assert.Null(r.Implicit);
        Assert.True(double.IsNaN(r.GainL1));
        Assert.All(r.Trajectory, c => Assert.True(double.IsNaN(c.GainL1)));
        Assert.All(r.Beta, x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void TheStepIsTheGradientOfTheLossInWPlusAndWMinus()
    {
        // d/dw+ L(w+^D - w-^D) = D w+^(D-1) g, d/dw- = -D w-^(D-1) g.
        var model = (PowerModel)Model.Create(ModelSpec.Power(3), [0.5], null, null);
        var (wp, wm) = model.Step(0.5, 0.25, 0.1, 2.0);
        Assert.Equal(0.5 - 0.1 * 3 * 0.25 * 2.0, wp, 1e-15);
        Assert.Equal(0.25 + 0.1 * 3 * 0.0625 * 2.0, wm, 1e-15);
        Assert.Equal(0.125 - 0.015625, model.Beta(0.5, 0.25), 1e-15);
    }
}
