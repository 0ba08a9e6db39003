using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>The uv model from any (u0, v0): MATH.md, "General initialisation".</summary>
public class GeneralInitializationTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(20, 30, seed: 5);

    private static TrainingOptions Options(int b, double gamma, double[] u0, double[] v0) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 2, Tolerance = 0, MaxSteps = 3000,
        U0 = ScaleOrVector.PerCoordinate(u0), V0 = ScaleOrVector.PerCoordinate(v0),
    };

    private static (double[] U0, double[] V0) Start(int d)
    {
        var u0 = Enumerable.Range(0, d).Select(i => 0.05 + 0.02 * (i % 4)).ToArray();
        var v0 = Enumerable.Range(0, d).Select(i => 0.04 * ((i % 3) - 1)).ToArray();
        return (u0, v0);
    }

    [Theory]
    [InlineData(1, 0.02)]
    [InlineData(5, 0.03)]
    [InlineData(20, 0.05)]
    public void AlphaInfSquaredIsTheProductOfOneMinusSquaredStepsAccumulatedStepByStep(int b, double gamma)
    {
        var (u0, v0) = Start(Problem.D);
        var o = Options(b, gamma, u0, v0);
        var run = Trainer.Train(Problem, o);
        // The Reference backend accumulates ln|1 - t| and ln|1 + t| at every step from its own (u, v) iteration.
        var reference = BackendRuns.On(ReferenceBackend.Instance, Problem, o);
        for (int i = 0; i < Problem.D; i++)
        {
            double lnA0 = Math.Log(Math.Abs(u0[i] * u0[i] - v0[i] * v0[i]) / 2);
            Assert.True(Math.Abs(run.Implicit!.LnAlphaInfSquared[i] - reference.Implicit!.LnAlphaInfSquared[i]) <= 1e-9, $"ln alpha_inf^2[{i}]");
            Assert.True(Math.Abs(run.Implicit.Gain[i] - (lnA0 - run.Implicit.LnAlphaInfSquared[i])) <= 1e-12, $"gain[{i}]");
        }
        Assert.True(run.GainL1 > 0.01);
    }

    [Fact]
    public void BetaZeroTildeStartsAtBetaZero()
    {
        var (u0, v0) = Start(Problem.D);
        var r = Trainer.Train(Problem, Options(20, 0.01, u0, v0) with { MaxSteps = 1 });
        // After one step beta0~ (= beta_k at S_k = 0) is beta0 moved by O(gamma): close, and nonzero where u0 v0 is.
        for (int i = 0; i < Problem.D; i++)
            Assert.Equal(u0[i] * v0[i], r.Implicit!.BetaTilde0[i], 2e-3);
        var model = (UvModel)Model.Create(ModelSpec.Uv, new double[Problem.D], ScaleOrVector.PerCoordinate(u0), ScaleOrVector.PerCoordinate(v0));
        Assert.Equal(u0.Zip(v0, (a, c) => a * c), model.Beta0());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void CoordinatesWithUEqualToPlusOrMinusVTrainWithoutNaN(int b)
    {
        var (u0, v0) = Start(Problem.D);
        v0[0] = u0[0];      // w- = 0 for ever: beta_0 >= 0
        v0[1] = -u0[1];     // w+ = 0 for ever: beta_1 <= 0
        u0[2] = v0[2] = 0;  // both 0: beta_2 = 0, a saddle it never leaves
        var r = Trainer.Train(Problem, Options(b, 0.02, u0, v0) with { MaxSteps = 20_000, Tolerance = 1e-6 });
        Assert.All(r.Beta, x => Assert.True(double.IsFinite(x)));
        Assert.True(r.Beta[0] >= 0);
        Assert.True(r.Beta[1] <= 0);
        Assert.Equal(0, r.Beta[2]);
        var implicitBias = r.Implicit!;
        foreach (int i in new[] { 0, 1, 2 })
        {
            Assert.Equal(double.NegativeInfinity, implicitBias.LnAlphaInfSquared[i]);
            Assert.Equal(0, implicitBias.Gain[i]);
            Assert.False(double.IsNaN(implicitBias.Delta[i]));
        }
        Assert.All(implicitBias.BetaTilde0, x => Assert.True(double.IsFinite(x)));
        Assert.All(implicitBias.Gain, x => Assert.True(double.IsFinite(x)));
        Assert.True(double.IsFinite(r.GainL1));
        Assert.All(r.Trajectory, c => Assert.True(double.IsFinite(c.GainL1)));
        // beta0~ = (alpha_+^2 - alpha_-^2)/2: alpha_-^2 = 0 on coordinate 0, so beta0~ = alpha_+^2 / 2 > 0.
        Assert.Equal(Math.Exp(implicitBias.LnAlphaPlusSquared[0]) / 2, implicitBias.BetaTilde0[0], 1e-15);
        Assert.True(implicitBias.BetaTilde0[1] < 0);
        Assert.Equal(0, implicitBias.BetaTilde0[2]);
    }

    [Fact]
    public void AnExplicitReportStartAgreesWithTheDefaultToRounding()
    {
        var p = Problem;
        var alpha = 0.1;
        var byDefault = Trainer.Train(p, new TrainingOptions { BatchSize = 5, Stepsize = StepsizeSchedule.Constant(0.02), Tolerance = 0, MaxSteps = 2000 });
        var explicitStart = Trainer.Train(p, new TrainingOptions
        {
            BatchSize = 5, Stepsize = StepsizeSchedule.Constant(0.02), Tolerance = 0, MaxSteps = 2000,
            U0 = ScaleOrVector.Uniform(Math.Sqrt(2) * alpha), V0 = ScaleOrVector.Uniform(0),
        });
        BackendRuns.Close(byDefault.Beta, explicitStart.Beta, 1e-12, "beta");
        BackendRuns.Close(byDefault.Implicit!.Gain, explicitStart.Implicit!.Gain, 1e-9, "gain");
    }
}
