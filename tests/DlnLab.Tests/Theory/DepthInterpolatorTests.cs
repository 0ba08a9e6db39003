using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Theory;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

/// <summary>The gradient-flow interpolator of depth D, argmin_{X beta = y} Q_D (Woodworth et al.), checked by its optimality conditions.</summary>
public class DepthInterpolatorTests(ITestOutputHelper output)
{
    // Random directions in the null space of X: along them beta stays an interpolator.
    private static List<double[]> NullDirections(Matrix x, int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        return Enumerable.Range(0, count).Select(_ => OutsideRowSpace(x, Enumerable.Range(0, x.Cols).Select(_ => rng.NextGaussian()).ToArray())).ToList();
    }

    [Theory]
    [InlineData(3, 0.1)]
    [InlineData(3, 1)]
    [InlineData(4, 0.3)]
    [InlineData(5, 0.5)]
    [InlineData(8, 0.7)]
    public void TheInterpolatorSatisfiesKktAndBeatsFeasiblePerturbations(int depth, double alpha)
    {
        var p = Problem(20, 30, 3, 7);
        var a = Uniform(p.D, alpha);
        var s = Interpolators.GradientFlow(p.X, p.Y, depth, a);
        var gradient = DepthPotential.Gradient(depth, s.Beta, a);
        double outside = RelativeOutsideRowSpace(p.X, gradient);
        double primal = MatrixOperations.RelativeResidual(p.X, s.Beta, p.Y);
        // z = X^T lambda is the gradient of Q_D at the solution.
        double zError = MatrixOperations.Distance(gradient, p.X.MultiplyTransposed(s.Lambda));
        output.WriteLine($"D {depth}, alpha {alpha}: {s.Iterations} iterations, primal {primal:E2}, gradient outside the row space {outside:E2}, |grad Q - X^T lambda| {zError:E2}");
        Assert.True(s.Converged);
        Assert.True(primal < 1e-10, $"primal {primal:E2}");
        Assert.True(outside < 1e-8, $"stationarity {outside:E2}");
        Assert.True(zError < 1e-8, $"z {zError:E2}");

        double q = DepthPotential.Value(depth, s.Beta, a);
        foreach (var n in NullDirections(p.X, 5, 3))
            foreach (double t in new[] { 1e-3, 1e-2, 0.1 })
                foreach (double sign in new[] { -1.0, 1 })
                {
                    var other = s.Beta.Select((b, j) => b + sign * t * n[j]).ToArray();
                    Assert.True(DepthPotential.Value(depth, other, a) > q, $"D {depth}: a feasible perturbation of size {t} lowers Q_D");
                }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(3)]
    public void DepthTwoIsTwiceTheUvInterpolatorOfHalfTheLabels(double alpha)
    {
        // beta = w+^2 - w-^2 is twice the uv model's beta, and Q_2(beta) = 4 psi_alpha(beta / 2).
        var p = Problem();
        var a = Uniform(p.D, alpha);
        var depth2 = Interpolators.GradientFlow(p.X, p.Y, 2, a).Beta;
        var uv = Interpolators.GradientFlow(p.X, p.Y.Select(v => v / 2).ToArray(), a).Beta;
        Assert.True(RelativeDistance(depth2, uv.Select(b => 2 * b).ToArray()) < 1e-12);
    }

    [Fact]
    public void SmallAlphaApproachesMinimumL1AtEveryDepth()
    {
        var p = Problem(20, 30, 8, 11); // s = 8: l1 does not recover beta*, so the limit is not just beta*
        var l1 = Interpolators.MinimumL1(p.X, p.Y).Beta;
        foreach (int depth in new[] { 2, 3, 4 })
        {
            var distances = new[] { 0.3, 0.03, 3e-3 }
                .Select(alpha => RelativeDistance(Interpolators.GradientFlow(p.X, p.Y, depth, Uniform(p.D, alpha)).Beta, l1)).ToArray();
            output.WriteLine($"D {depth}: relative distance to min-l1 at alpha 0.3, 0.03, 0.003: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
            Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
            Assert.True(distances[2] < 0.02, $"D {depth}: {distances[2]:E2}");
        }
    }

    [Fact]
    public void DeeperModelsAreCloserToMinimumL1AtTheSameAlpha()
    {
        var p = Problem(20, 30, 8, 11);
        var l1 = Interpolators.MinimumL1(p.X, p.Y).Beta;
        foreach (double alpha in new[] { 0.1, 0.3 })
        {
            var distances = new[] { 2, 3, 4, 6, 10 }
                .Select(depth => RelativeDistance(Interpolators.GradientFlow(p.X, p.Y, depth, Uniform(p.D, alpha)).Beta, l1)).ToArray();
            output.WriteLine($"alpha {alpha}: relative distance to min-l1 at D 2, 3, 4, 6, 10: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
            for (int i = 0; i + 1 < distances.Length; i++) Assert.True(distances[i + 1] < distances[i]);
        }
    }
}
