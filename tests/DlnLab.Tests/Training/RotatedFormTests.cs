using DlnLab.Backends;
using DlnLab.Problems;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class RotatedFormTests
{
    private static RegressionProblem Problem(int n = 20, int d = 30, ulong seed = 7) =>
        SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = 3, NTest = 50, Seed = seed });

    private static TrainingOptions Options(int b, double gamma, long steps) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 11, Tolerance = 0, MaxSteps = steps,
    };

    [Theory]
    [InlineData(1, 0.01)]
    [InlineData(5, 0.02)]
    [InlineData(20, 0.02)]
    public void UvIterationAndRotatedFormGiveTheSameIterates(int b, double gamma)
    {
        var p = Problem();
        foreach (long steps in new long[] { 1, 7, 300 })
        {
            var o = Options(b, gamma, steps);
            var run = Trainer.Train(p, o);
            var reference = BackendRuns.On(ReferenceBackend.Instance, p, o);
            Assert.Equal(steps, run.Steps);
            double scale = Math.Max(1, Norm(reference.Beta));
            for (int i = 0; i < p.D; i++) Assert.True(Math.Abs(run.Beta[i] - reference.Beta[i]) <= 1e-11 * scale, $"beta[{i}] after {steps} steps: {run.Beta[i]} vs {reference.Beta[i]}");
        }
    }

    [Theory]
    [InlineData(1, 0.01)]
    [InlineData(5, 0.02)]
    [InlineData(20, 0.03)]
    public void EffectiveInitializationMatchesGainsAccumulatedStepByStep(int b, double gamma)
    {
        var p = Problem();
        const long steps = 2000;
        var o = Options(b, gamma, steps);
        var run = Trainer.Train(p, o);
        var sums = ReferenceSgd.Run(p, o, steps);
        var lnAlpha2 = run.Alpha.Select(a => 2 * Math.Log(a)).ToArray();
        for (int i = 0; i < p.D; i++)
        {
            // alpha_inf^2 = alpha^2 exp(-sum q): a relative error of 1e-9 is an absolute one of 1e-9 in the logarithm.
            Assert.True(Math.Abs(run.Implicit!.LnAlphaInfSquared[i] - (lnAlpha2[i] - sums.SumQ[i])) <= 1e-9, $"alpha_inf^2[{i}]");
            Assert.True(Math.Abs(run.Implicit.Gain[i] - sums.SumQ[i]) <= 1e-9, $"gain[{i}]");
            Assert.True(Math.Abs(run.Implicit.LnAlphaPlusSquared[i] - (lnAlpha2[i] - sums.SumQPlus[i])) <= 1e-9, $"alpha_+^2[{i}]");
            Assert.True(Math.Abs(run.Implicit.LnAlphaMinusSquared[i] - (lnAlpha2[i] - sums.SumQMinus[i])) <= 1e-9, $"alpha_-^2[{i}]");
        }
        Assert.True(run.GainL1 > 0);
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(t => t * t));
}
