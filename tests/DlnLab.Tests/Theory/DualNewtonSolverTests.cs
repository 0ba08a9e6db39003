using DlnLab.Randomness;
using DlnLab.Theory;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

public class DualNewtonSolverTests(ITestOutputHelper output)
{
    private void AssertKkt(DlnLab.LinearAlgebra.Matrix x, double[] y, double[] lnA, double[] c, InterpolatorSolution s, string label)
    {
        Assert.True(s.Converged, $"{label}: not converged, relative residual {s.RelativeResidual:E2}");
        double primal = Norm(DlnLab.LinearAlgebra.MatrixOperations.Residual(x, s.Beta, y)) / Norm(y);
        var stationarity = new double[x.Cols];
        for (int j = 0; j < x.Cols; j++) stationarity[j] = Hyperentropy.ArcsinhRatio(s.Beta[j], lnA[j]) - c[j];
        double outside = RelativeOutsideRowSpace(x, stationarity);
        output.WriteLine($"{label}: {s.Iterations} iterations, primal {primal:E2}, stationarity {outside:E2}, jitter {s.MaxJitter:E1}");
        Assert.True(primal < 1e-10, $"{label}: primal residual {primal:E2}");
        Assert.True(outside < 1e-10, $"{label}: stationarity residual {outside:E2}");
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e-2)]
    [InlineData(0.1)]
    [InlineData(1)]
    [InlineData(10)]
    public void GradientFlowInterpolatorSatisfiesKkt(double alpha)
    {
        var p = Problem();
        var lnA = Enumerable.Repeat(2 * Math.Log(alpha), p.D).ToArray();
        var c = new double[p.D];
        var s = DualNewtonSolver.Solve(p.X, p.Y, lnA, c);
        AssertKkt(p.X, p.Y, lnA, c, s, $"alpha {alpha}");
        Assert.True(s.RelativeResidual <= 1e-13 || s.Converged);
    }

    [Theory]
    [InlineData(1UL, 20, 30)]
    [InlineData(2UL, 20, 30)]
    [InlineData(3UL, 10, 40)]
    [InlineData(4UL, 60, 100)]
    public void ScalesSpanningHundredsOfOrdersOfMagnitudeWithAnOffset(ulong seed, int n, int d)
    {
        var p = Problem(n, d, 3, seed);
        var rng = new Xoshiro256(seed + 100);
        var lnA = Enumerable.Range(0, d).Select(_ => -600 * rng.NextDouble()).ToArray();
        var c = Enumerable.Range(0, d).Select(_ => 3 * rng.NextGaussian()).ToArray();
        var s = DualNewtonSolver.Solve(p.X, p.Y, lnA, c);
        AssertKkt(p.X, p.Y, lnA, c, s, $"seed {seed}, ({n}, {d}), lnA in [-600, 0]");
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e-300)]
    public void ScalesBelowTheDoubleRangeAreReachedByContinuation(double alpha)
    {
        // ln A = -921 or -1381: every curvature A cosh(0) underflows at lambda = 0, so the solver lowers a floor on ln A.
        var p = Problem(20, 30, 8, 11);
        var lnA = Enumerable.Repeat(2 * Math.Log(alpha), p.D).ToArray();
        var c = new double[p.D];
        var s = DualNewtonSolver.Solve(p.X, p.Y, lnA, c);
        // Off the support beta underflows to 0, so stationarity cannot be read off beta; so small a scale leaves the
        // minimum-l1 interpolator, which is checked instead.
        double primal = Norm(DlnLab.LinearAlgebra.MatrixOperations.Residual(p.X, s.Beta, p.Y)) / Norm(p.Y);
        double distance = RelativeDistance(s.Beta, Interpolators.MinimumL1(p.X, p.Y).Beta);
        output.WriteLine($"alpha {alpha}: {s.Iterations} iterations, primal {primal:E2}, relative distance to minimum l1 {distance:E2}");
        Assert.True(primal < 1e-10);
        Assert.True(distance < 1e-9, $"distance {distance:E2}");
    }

    [Fact]
    public void UnreachableLabelsAreAResultAndSolveThrows()
    {
        // Two identical rows with different labels: no interpolator exists.
        var p = Problem(3, 5, 1, 9);
        var x = p.X.Clone();
        for (int j = 0; j < 5; j++) x[1, j] = x[0, j];
        double[] y = [1, 2, 3];
        var lnA = new double[5];
        var c = new double[5];
        Assert.False(DualNewtonSolver.TrySolve(x, y, lnA, c, out var s, new DualNewtonOptions { MaxIterations = 50 }));
        Assert.False(s.Converged);
        var e = Assert.Throws<SolverException>(() => DualNewtonSolver.Solve(x, y, lnA, c, new DualNewtonOptions { MaxIterations = 50 }));
        Assert.Contains("relative residual", e.Message);
    }
}
