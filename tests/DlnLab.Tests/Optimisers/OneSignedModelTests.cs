using DlnLab.Backends;
using DlnLab.Problems;
using DlnLab.Randomness;
using DlnLab.Tests.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>
/// The one-signed model beta = v ⊙ v (HaoChen et al. 2021) is uv from u0 = v0: u' = u - gamma g ⊙ v and v' = v - gamma
/// g ⊙ u keep u = v, so v' = v - gamma g ⊙ v, which is the v ⊙ v model's GD step v' = v - eta grad_v L(v ⊙ v) =
/// v - 2 eta g ⊙ v at eta = gamma / 2. The `haochen2021` preset relies on it.
/// </summary>
public class OneSignedModelTests
{
    /// <summary>GD (b = n) on L(v ⊙ v) = 1/(2n) ||X (v ⊙ v) - y~||^2 with stepsize eta, labels y~ with label noise as the engine draws it.</summary>
    private static double[] SquaredModel(RegressionProblem p, double v0, double eta, double delta, ulong seed, long steps)
    {
        int n = p.N, d = p.D;
        var v = Enumerable.Repeat(v0, d).ToArray();
        var noise = new Xoshiro256(SplitMix64.Derive(seed, SplitMix64.Label("label-noise")));
        for (long k = 0; k < steps; k++)
        {
            var g = new double[d];
            for (int j = 0; j < n; j++)
            {
                double r = -(p.Y[j] + (delta > 0 ? delta * noise.NextGaussian() : 0));
                for (int i = 0; i < d; i++) r += v[i] * v[i] * p.X[j, i];
                for (int i = 0; i < d; i++) g[i] += r * p.X[j, i] / n;
            }
            for (int i = 0; i < d; i++) v[i] -= eta * 2 * v[i] * g[i];
        }
        return v.Select(x => x * x).ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void UvFromEqualStartsIsTheSquaredModelAtHalfTheStepsize(double delta)
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec
        {
            N = 12, D = 30, S = 3, Nonzeros = NonzeroDistribution.Constant, NonzeroScale = 1, NTest = 10, Seed = 21,
        });
        const double eta = 0.01;
        var o = new TrainingOptions
        {
            U0 = DlnLab.Models.ScaleOrVector.Uniform(0.8), V0 = DlnLab.Models.ScaleOrVector.Uniform(0.8), BatchSize = p.N, Stepsize = StepsizeSchedule.Constant(2 * eta),
            LabelNoise = delta, Seed = 9, Tolerance = 0, MaxSteps = 500,
        };
        var expected = SquaredModel(p, 0.8, eta, delta, 9, 500);
        foreach (var backend in new IStepBackend[] { SimdBackend.Instance, ReferenceBackend.Instance })
        {
            var run = BackendRuns.On(backend, p, o);
            BackendRuns.Close(expected, run.Beta, 1e-12, backend.Name);
            Assert.All(run.Beta, b => Assert.True(b >= 0));
        }
    }
}
