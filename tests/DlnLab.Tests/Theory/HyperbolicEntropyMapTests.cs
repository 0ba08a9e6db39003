using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Theory;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

/// <summary>The hyperbolic-entropy mirror map for a general start: scales A >= 0 with a reference beta_hat (Theorem 2.2 for any beta0~).</summary>
public class HyperbolicEntropyMapTests(ITestOutputHelper output)
{
    // grad of the potential at beta, which must equal z = X^T lambda: 1/2 (arcsinh(beta / A) - arcsinh(beta_hat / A)) for A > 0,
    // 1/2 sign(beta_hat) ln(beta / beta_hat) for A = 0 (the one-sided entropy).
    private static double[] MirrorGradient(double[] beta, double[] lnA, double[] betaHat) =>
        beta.Select((b, j) => double.IsNegativeInfinity(lnA[j])
            ? 0.5 * Math.Sign(betaHat[j]) * Math.Log(b / betaHat[j])
            : 0.5 * (Hyperentropy.ArcsinhRatio(b, lnA[j]) - Hyperentropy.ArcsinhRatio(betaHat[j], lnA[j]))).ToArray();

    private static (double[] LnA, double[] BetaHat) GeneralStart(int d, ulong seed, int oneSided)
    {
        var rng = new Xoshiro256(seed);
        var lnA = Enumerable.Range(0, d).Select(_ => -8 * rng.NextDouble()).ToArray();
        var betaHat = Enumerable.Range(0, d).Select(_ => 0.2 * rng.NextGaussian()).ToArray();
        for (int j = 0; j < oneSided; j++) lnA[3 * j] = double.NegativeInfinity;
        return (lnA, betaHat);
    }

    [Theory]
    [InlineData(1UL, 0)]
    [InlineData(2UL, 4)]
    [InlineData(3UL, 9)]
    public void TheBregmanProjectionFromAGeneralReferenceSatisfiesKkt(ulong seed, int oneSided)
    {
        var p = Problem(20, 30, 3, seed);
        var (lnA, betaHat) = GeneralStart(p.D, seed + 10, oneSided);
        var s = Interpolators.BregmanProjection(p.X, p.Y, lnA, betaHat);
        double primal = MatrixOperations.RelativeResidual(p.X, s.Beta, p.Y);
        var gradient = MirrorGradient(s.Beta, lnA, betaHat);
        double outside = RelativeOutsideRowSpace(p.X, gradient);
        double zError = MatrixOperations.Distance(gradient, p.X.MultiplyTransposed(s.Lambda));
        output.WriteLine($"seed {seed}, {oneSided} one-sided: {s.Iterations} iterations, primal {primal:E2}, stationarity {outside:E2}, |grad - X^T lambda| {zError:E2}");
        Assert.True(primal < 1e-10);
        Assert.True(outside < 1e-9);
        Assert.True(zError < 1e-9);
        for (int j = 0; j < p.D; j++)
            if (double.IsNegativeInfinity(lnA[j])) Assert.True(s.Beta[j] * betaHat[j] > 0, $"beta[{j}] keeps the sign of beta_hat");
    }

    [Fact]
    public void TheOneSidedMapIsTheLimitOfVanishingScales()
    {
        var p = Problem(20, 30, 3, 4);
        var (lnA, betaHat) = GeneralStart(p.D, 14, 6);
        var exact = Interpolators.BregmanProjection(p.X, p.Y, lnA, betaHat).Beta;
        var tiny = lnA.Select(l => double.IsNegativeInfinity(l) ? -80 : l).ToArray();
        var limit = Interpolators.BregmanProjection(p.X, p.Y, tiny, betaHat).Beta;
        double distance = RelativeDistance(limit, exact);
        output.WriteLine($"A = e^-80 against A = 0 on six coordinates: relative distance {distance:E2}");
        Assert.True(distance < 1e-10);
    }

    [Fact]
    public void TheReportsStartGivesTheGradientFlowInterpolator()
    {
        var p = Problem();
        const double alpha = 0.2;
        var u0 = Enumerable.Repeat(Math.Sqrt(2) * alpha, p.D).ToArray();
        var fromStart = Interpolators.GradientFlowFrom(p.X, p.Y, u0, new double[p.D]).Beta;
        var flow = Interpolators.GradientFlow(p.X, p.Y, Enumerable.Repeat(alpha, p.D).ToArray()).Beta;
        Assert.True(RelativeDistance(fromStart, flow) < 1e-13);
    }

    [Fact]
    public void AStartWithEqualFactorsKeepsTheSignOfItsProduct()
    {
        // u0 = v0 on the first five coordinates (A = 0, beta stays >= 0 there), u0 = -v0 on the next five (beta <= 0),
        // and both zero on one coordinate (beta stays 0).
        var p = Problem(20, 30, 3, 8);
        var rng = new Xoshiro256(12);
        var u0 = Enumerable.Range(0, p.D).Select(_ => 0.1 + 0.2 * rng.NextDouble()).ToArray();
        var v0 = Enumerable.Range(0, p.D).Select(_ => 0.1 * rng.NextGaussian()).ToArray();
        for (int j = 0; j < 5; j++) v0[j] = u0[j];
        for (int j = 5; j < 10; j++) v0[j] = -u0[j];
        u0[10] = v0[10] = 0;
        var s = Interpolators.GradientFlowFrom(p.X, p.Y, u0, v0);
        Assert.True(MatrixOperations.RelativeResidual(p.X, s.Beta, p.Y) < 1e-10);
        for (int j = 0; j < 5; j++) Assert.True(s.Beta[j] > 0);
        for (int j = 5; j < 10; j++) Assert.True(s.Beta[j] < 0);
        Assert.Equal(0, s.Beta[10]);
        // The same problem through ln A and beta_hat = u0 ⊙ v0, with A = |u0^2 - v0^2| / 2.
        var lnA = u0.Select((u, j) => Math.Log(Math.Abs(u * u - v0[j] * v0[j]) / 2)).ToArray();
        var viaReference = Interpolators.BregmanProjection(p.X, p.Y, lnA, u0.Select((u, j) => u * v0[j]).ToArray()).Beta;
        Assert.True(RelativeDistance(viaReference, s.Beta) < 1e-10);
    }
}
