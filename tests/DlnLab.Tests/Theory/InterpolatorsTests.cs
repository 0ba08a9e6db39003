using DlnLab.LinearAlgebra;
using DlnLab.Theory;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

public class InterpolatorsTests(ITestOutputHelper output)
{
    private static void AssertCertificate(Matrix x, double[] y, MinimumL1Solution s)
    {
        Assert.True(s.Converged);
        double maxCorrelation = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(x.MultiplyTransposed(s.DualCertificate)));
        double dualObjective = System.Numerics.Tensors.TensorPrimitives.Dot<double>(y, s.DualCertificate);
        Assert.True(maxCorrelation <= 1 + 1e-9, $"||X^T lambda||_inf = {maxCorrelation}");
        Assert.True(Math.Abs(s.L1Norm - dualObjective) <= 1e-8 * s.L1Norm, $"gap {s.L1Norm - dualObjective}");
        Assert.True(Norm(MatrixOperations.Residual(x, s.Beta, y)) <= 1e-10 * Norm(y));
    }

    [Theory]
    [InlineData(20, 30, 3, 7UL)]
    [InlineData(20, 30, 10, 8UL)]
    [InlineData(10, 40, 8, 9UL)]
    [InlineData(200, 1000, 20, 3UL)] // its solve time is in bench/DlnLab.Bench/TheoryBenchmarks.cs
    [InlineData(400, 2000, 20, 3UL)] // a degenerate optimum where unlifted basic values stalled the simplex
    public void MinimumL1HasAVerifiedCertificate(int n, int d, int s, ulong seed)
    {
        var p = Problem(n, d, s, seed);
        var sol = Interpolators.MinimumL1(p.X, p.Y);
        output.WriteLine($"({n},{d},{s}): l1 {sol.L1Norm}, gap {sol.DualityGap:E2}, dual infeasibility {sol.DualInfeasibility:E2}, {sol.Iterations} pivots");
        AssertCertificate(p.X, p.Y, sol);
        // No interpolator has a smaller l1 norm, in particular not the minimum-l2 one or beta*.
        Assert.True(sol.L1Norm <= Interpolators.MinimumL2(p.X, p.Y).Sum(Math.Abs) + 1e-9);
        Assert.True(sol.L1Norm <= p.BetaStar!.Sum(Math.Abs) + 1e-9);
    }

    [Fact]
    public void MinimumL1RecoversASparseVector()
    {
        // With (n, d, s) = (20, 30, 3), l1 minimisation recovers beta* (compressed sensing regime).
        var p = Problem();
        var sol = Interpolators.MinimumL1(p.X, p.Y);
        Assert.True(RelativeDistance(sol.Beta, p.BetaStar!) < 1e-10);
    }

    [Fact]
    public void MinimumL2IsTheInterpolatorInTheRowSpace()
    {
        var p = Problem();
        var beta = Interpolators.MinimumL2(p.X, p.Y);
        Assert.True(Norm(MatrixOperations.Residual(p.X, beta, p.Y)) <= 1e-13 * Norm(p.Y));
        Assert.True(RelativeOutsideRowSpace(p.X, beta) < 1e-13);
    }

    [Fact]
    public void SmallAlphaApproachesMinimumL1()
    {
        var p = Problem(20, 30, 8, 11); // s = 8: l1 does not recover beta*, so the limit is not just beta*
        var l1 = Interpolators.MinimumL1(p.X, p.Y).Beta;
        var distances = new[] { 1e-1, 1e-3, 1e-6 }
            .Select(a => RelativeDistance(Interpolators.GradientFlow(p.X, p.Y, Uniform(p.D, a)).Beta, l1)).ToArray();
        output.WriteLine("relative distance to min-l1 at alpha 1e-1, 1e-3, 1e-6: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
        Assert.True(distances[2] < 1e-3);
    }

    [Fact]
    public void LargeAlphaApproachesMinimumL2()
    {
        var p = Problem();
        var l2 = Interpolators.MinimumL2(p.X, p.Y);
        var distances = new[] { 1.0, 10, 100 }
            .Select(a => RelativeDistance(Interpolators.GradientFlow(p.X, p.Y, Uniform(p.D, a)).Beta, l2)).ToArray();
        output.WriteLine("relative distance to min-l2 at alpha 1, 10, 100: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
        Assert.True(distances[2] < 1e-6);
    }
}
