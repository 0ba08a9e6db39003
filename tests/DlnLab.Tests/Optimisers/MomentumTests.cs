using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>Heavy-ball momentum: runs go to the Reference without the uv read-out, lambda, bad values (the textbook and zero cases: <see cref="OptimiserIterationTests"/>).</summary>
public class MomentumTests
{
    private static readonly RegressionProblem Problem = BackendRuns.Problem(12, 20, seed: 13);

    private static TrainingOptions Options(int b, double momentum, long steps = 300) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(0.002), Seed = 6, Tolerance = 0, MaxSteps = steps, Momentum = momentum,
    };

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

    /// <summary>
    /// Papazov, Pesme and Flammarion (2024): the path depends on (gamma, M) through lambda = gamma / (1 - M)^2. GD at
    /// gamma = lambda and momentum 0.5 at gamma = lambda / 4 end closer to each other than GD at lambda and at 5 lambda.
    /// </summary>
    [Fact]
    public void RunsWithTheSameLambdaReachNearlyTheSameLimit()
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec());
        double[] Limit(double gamma, double momentum)
        {
            var run = Trainer.Train(p, new TrainingOptions { BatchSize = p.N, Stepsize = StepsizeSchedule.Constant(gamma), Momentum = momentum, MaxSteps = 400_000 });
            Assert.Equal(RunStatus.Converged, run.Status);
            return run.Beta;
        }
        var gd = Limit(0.004, 0);
        double sameLambda = DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Limit(0.001, 0.5), gd);
        double otherLambda = DlnLab.LinearAlgebra.MatrixOperations.RelativeDistance(Limit(0.02, 0), gd);
        Assert.True(sameLambda < otherLambda / 2, $"same lambda {sameLambda:G3}, 5 lambda {otherLambda:G3}");
    }
}
