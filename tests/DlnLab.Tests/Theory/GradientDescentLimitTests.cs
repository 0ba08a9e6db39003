using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Theory;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

/// <summary>
/// The interpolators of the depth-D model and of a general uv start against plain gradient descent written out here
/// (full batch, textbook updates): as the stepsize shrinks, GD's limit approaches the gradient-flow interpolator.
/// </summary>
public class GradientDescentLimitTests(ITestOutputHelper output)
{
    // GD on L(beta) = 1/(2n) ||X beta - y||^2 with beta = beta(w) and the update w' = w - gamma * update(w, g), until L <= 1e-22.
    private static double[] Descend(Matrix x, double[] y, double[] a, double[] b, Func<double[], double[], double[]> beta,
        Action<double[], double[], double[]> step, int maxSteps)
    {
        var g = new double[x.Cols];
        for (int k = 0; k < maxSteps; k++)
        {
            var r = MatrixOperations.Residual(x, beta(a, b), y);
            if (TensorDot(r, r) / (2 * x.Rows) <= 1e-22) break;
            x.MultiplyTransposed(r, g);
            for (int j = 0; j < g.Length; j++) g[j] /= x.Rows;
            step(a, b, g);
        }
        return beta(a, b);
    }

    private static double TensorDot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    [Theory]
    [InlineData(3, 1, 0.002)]
    [InlineData(4, 1, 0.001)]
    public void SmallStepGdOfDepthDApproachesTheQdInterpolator(int depth, double alpha, double largestStepsize)
    {
        var p = Problem(8, 12, 2, 5);
        var predicted = Interpolators.GradientFlow(p.X, p.Y, depth, Enumerable.Repeat(alpha, p.D).ToArray()).Beta;
        var gammas = new[] { largestStepsize, largestStepsize / 2, largestStepsize / 4 };
        var distances = gammas.Select(gamma =>
        {
            var plus = Enumerable.Repeat(alpha, p.D).ToArray();
            var minus = Enumerable.Repeat(alpha, p.D).ToArray();
            var beta = Descend(p.X, p.Y, plus, minus,
                (wp, wm) => wp.Select((v, j) => Math.Pow(v, depth) - Math.Pow(wm[j], depth)).ToArray(),
                (wp, wm, g) =>
                {
                    for (int j = 0; j < g.Length; j++)
                    {
                        double dp = depth * Math.Pow(wp[j], depth - 1) * g[j], dm = depth * Math.Pow(wm[j], depth - 1) * g[j];
                        wp[j] -= gamma * dp;
                        wm[j] += gamma * dm;
                    }
                }, 1_000_000);
            return RelativeDistance(beta, predicted);
        }).ToArray();
        output.WriteLine($"D {depth}, alpha {alpha}: distance to argmin Q_D at gamma {largestStepsize} and its halves: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
        // O(gamma): each halving of the stepsize about halves the distance.
        for (int i = 0; i < 2; i++) Assert.InRange(distances[i] / distances[i + 1], 1.6, 2.5);
    }

    [Fact]
    public void SmallStepGdFromAGeneralUvStartApproachesTheBregmanProjectionOfU0TimesV0()
    {
        var p = Problem(8, 12, 2, 6);
        var rng = new Xoshiro256(3);
        var u0 = Enumerable.Range(0, p.D).Select(_ => 0.3 + 0.3 * rng.NextDouble()).ToArray();
        var v0 = Enumerable.Range(0, p.D).Select(_ => 0.2 * rng.NextGaussian()).ToArray();
        v0[0] = u0[0]; // A = 0 on one coordinate: beta_0 keeps its sign
        var predicted = Interpolators.GradientFlowFrom(p.X, p.Y, u0, v0).Beta;
        var gammas = new[] { 0.02, 0.01, 0.005 };
        var distances = gammas.Select(gamma =>
        {
            var u = (double[])u0.Clone();
            var v = (double[])v0.Clone();
            var beta = Descend(p.X, p.Y, u, v, (a, b) => a.Select((x, j) => x * b[j]).ToArray(), (a, b, g) =>
            {
                for (int j = 0; j < g.Length; j++)
                {
                    double du = g[j] * b[j], dv = g[j] * a[j];
                    a[j] -= gamma * du;
                    b[j] -= gamma * dv;
                }
            }, 400_000);
            return RelativeDistance(beta, predicted);
        }).ToArray();
        output.WriteLine("general uv start: distance to the predicted interpolator at gamma 0.02, 0.01, 0.005: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
        for (int i = 0; i < 2; i++) Assert.InRange(distances[i] / distances[i + 1], 1.6, 2.5);
    }
}
