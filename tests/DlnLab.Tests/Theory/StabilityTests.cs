using DlnLab.LinearAlgebra;
using DlnLab.Tests.Training;
using DlnLab.Theory;
using DlnLab.Training;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

public class StabilityTests
{
    [Theory]
    [InlineData(20, 0.02, 3000L)]
    [InlineData(1, 0.02, 5000L)]
    public void SquaredWeightsEqualTwiceTheHyperbolicNormAtEveryStep(int b, double gamma, long steps)
    {
        // u^2 + v^2 = w+^2 + w-^2 = 2 sqrt(beta^2 + alpha_inf^4), with alpha_inf^2 = alpha^2 exp(-Gain).
        var p = Problem();
        var options = new TrainingOptions { BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 3, Tolerance = 0, MaxSteps = steps };
        var reference = ReferenceSgd.Run(p, options, steps);
        var run = Trainer.Train(p, options);
        for (int j = 0; j < p.D; j++)
        {
            double lhs = reference.U[j] * reference.U[j] + reference.V[j] * reference.V[j];
            double alphaInf2 = Math.Exp(run.Implicit!.LnAlphaInfSquared[j]);
            double rhs = 2 * Math.Sqrt(run.Beta[j] * run.Beta[j] + alphaInf2 * alphaInf2);
            Assert.True(Math.Abs(lhs - rhs) <= 1e-9 * lhs, $"coordinate {j}: {lhs} vs {rhs}");
        }
    }

    [Fact]
    public void DivergedRunYieldsNaNQuantitiesRatherThanAnException()
    {
        // SGD with b = 1 at gamma = 0.05 blows up on this problem; reading its effective initialisation must not throw.
        var p = Problem();
        var run = Trainer.Train(p, new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.Constant(0.05), Seed = 3, Tolerance = 0, MaxSteps = 5000 });
        Assert.Equal(RunStatus.Diverged, run.Status);
    }

    [Fact]
    public void SharpnessEqualsTheLargestEigenvalueOfTheFullHessian()
    {
        var p = Problem(8, 12, 2, 4);
        int n = p.N, d = p.D;
        var beta = Interpolators.GradientFlow(p.X, p.Y, Enumerable.Repeat(0.5, d).ToArray()).Beta;
        // Weights with u v = beta and |w+ w-| = alpha^2 = 0.25: u = w+ + w- over sqrt 2 etc.
        double a2 = 0.25;
        var u = new double[d];
        var v = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = Math.Sqrt(beta[j] * beta[j] + a2 * a2);
            double wPlus = Math.Sqrt(s + beta[j]), wMinus = Math.Sqrt(s - beta[j]);
            u[j] = (wPlus + wMinus) / Math.Sqrt(2);
            v[j] = (wPlus - wMinus) / Math.Sqrt(2);
        }
        // Dense (1/n) J^T J, rows of J = [x_i ⊙ v, x_i ⊙ u], 2d x 2d.
        var jac = new Matrix(n, 2 * d);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                jac[i, j] = p.X[i, j] * v[j];
                jac[i, d + j] = p.X[i, j] * u[j];
            }
        var hessian = MatrixOperations.Gram(MatrixOperations.Transpose(jac));
        for (int k = 0; k < hessian.Data.Length; k++) hessian.Data[k] /= n;
        double dense = SymmetricEigen.LargestEigenvalue(hessian);

        double fromWeights = Stability.SharpnessAt(p.X, u, v);
        double fromInterpolator = Stability.SharpnessAtInterpolator(p.X, beta, Enumerable.Repeat(Math.Log(a2), d).ToArray());
        Assert.Equal(dense, fromWeights, 1e-10 * dense);
        Assert.Equal(dense, fromInterpolator, 1e-10 * dense);
        Assert.Equal(2 / dense, Stability.GdStabilityThreshold(fromWeights), 1e-10 / dense);
    }
}
