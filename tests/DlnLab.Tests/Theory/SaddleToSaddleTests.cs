using DlnLab.LinearAlgebra;
using DlnLab.Theory;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Theory;

/// <summary>Algorithm 1 of Pesme and Flammarion (2023): the saddles and jump times of gradient flow as alpha -> 0.</summary>
public class SaddleToSaddleTests
{
    /// <summary>The fixture of the saddle-to-saddle literature: 2 samples, 4 features, minimum-l1 limit (0, 0, 10/7, -10/49).</summary>
    internal static readonly Matrix FixtureX = new(2, 4, [1, .5, .7, 0, .5, 1, .1, .7]);
    internal static readonly double[] FixtureY = [1, 0];
    internal static readonly double[] FixtureLimit = [0, 0, 10.0 / 7, -10.0 / 49];

    [Fact]
    public void OnTheFixtureTheFlowVisitsThreeSaddlesAndEndsAtTheMinimumL1Interpolator()
    {
        var sequence = SaddleToSaddle.Compute(FixtureX, FixtureY);
        var s = sequence.Saddles;
        Assert.Equal(4, s.Count);

        // beta^0 = 0, loss 1/(2n) ||y||^2 = 1/4.
        AssertClose([0, 0, 0, 0], s[0].Beta);
        Assert.Equal(0.25, s[0].Loss, 1e-15);

        // grad L(0) = -(1/n) X^T y = -(1/2, 1/4, 7/20, 0): s_0 = t/2 reaches 1 first, at t = 2; the one-coordinate least
        // squares min_b (b - 1)^2 + (b/2)^2 over b >= 0 gives b = 0.8.
        Assert.Equal(2, s[1].Time, 1e-12);
        AssertClose([0.8, 0, 0, 0], s[1].Beta);
        Assert.Equal([0], s[1].Joined);
        Assert.Empty(s[1].Left);
        Assert.Equal(0.05, s[1].Loss, 1e-14);

        // grad L(beta^1) = (0, 0.15, -0.05, 0.14) from s(2) = (1, 0.5, 0.7, 0): s_2 reaches +1 after 0.3/0.05 = 6, before
        // s_3 reaches -1 (after 1/0.14) and s_1 (after 1.5/0.15). On {0, 2} the interpolator (-0.4, 0, 2, 0) has the
        // wrong sign in coordinate 0, so the sign-constrained minimiser sets it to 0: beta_2 = argmin (0.7b - 1)^2 +
        // (0.1b)^2 = 1.4. Coordinate 2 joins and coordinate 0 leaves at the same jump.
        Assert.Equal(8, s[2].Time, 1e-12);
        AssertClose([0, 0, 1.4, 0], s[2].Beta);
        Assert.Equal([2], s[2].Joined);
        Assert.Equal([0], s[2].Left);
        Assert.Equal(0.005, s[2].Loss, 1e-15);

        // grad L(beta^2) = (0.025, 0.065, 0, 0.049) from s(8) = (1, -0.4, 1, -0.84): s_3 reaches -1 after
        // 0.16/0.049 = 160/49 (s_1 would need 0.6/0.065, s_0 80); on {2, 3} with beta_2 >= 0, beta_3 <= 0 the
        // interpolator (10/7, -10/49) has the right signs: the loss reaches 0 and the flow stops there.
        Assert.Equal(8 + 160.0 / 49, s[3].Time, 1e-12);
        AssertClose(FixtureLimit, s[3].Beta);
        Assert.Equal([3], s[3].Joined);
        Assert.Empty(s[3].Left);
        Assert.Equal([2, 3], s[3].Support);
        Assert.True(s[3].Loss < 1e-28);
        AssertClose(FixtureLimit, sequence.Limit);
        AssertClose(Interpolators.MinimumL1(FixtureX, FixtureY).Beta, sequence.Limit);
        Assert.Equal(s.Skip(1).Select(saddle => saddle.Time), sequence.JumpTimes);
        Assert.Same(s[2], sequence.At(10));
        Assert.Same(s[0], sequence.At(1.999));
    }

    [Theory]
    [InlineData(10, 30, 3, 1UL)]
    [InlineData(15, 40, 4, 2UL)]
    [InlineData(8, 12, 2, 3UL)]
    [InlineData(20, 50, 5, 4UL)]
    public void OnRandomProblemsTheLimitIsTheMinimumL1InterpolatorAndTheDualIsItsCertificate(int n, int d, int sparsity, ulong seed)
    {
        var p = Problem(n, d, sparsity, seed);
        var sequence = SaddleToSaddle.Compute(p.X, p.Y);
        var minimumL1 = Interpolators.MinimumL1(p.X, p.Y);
        Assert.True(RelativeDistance(sequence.Limit, minimumL1.Beta) < 1e-9, $"distance {RelativeDistance(sequence.Limit, minimumL1.Beta):G3}");
        double scale = MatrixOperations.MaxAbs(SaddleToSaddle.Gradient(p.X, p.Y, new double[d]));
        for (int k = 1; k < sequence.Saddles.Count; k++)
        {
            var saddle = sequence.Saddles[k];
            // Jumps go forward in time and each lowers the loss.
            Assert.True(saddle.Time > sequence.Saddles[k - 1].Time);
            Assert.True(saddle.Loss < sequence.Saddles[k - 1].Loss);
            Assert.NotEmpty(saddle.Joined);
            // s = -integral of (1/n) X^T r lies in the row space of X, inside the unit box, at +-1 with the sign of beta on
            // the support; the saddle is critical on its support.
            Assert.True(RelativeOutsideRowSpace(p.X, saddle.Dual) < 1e-9);
            var gradient = SaddleToSaddle.Gradient(p.X, p.Y, saddle.Beta);
            for (int i = 0; i < d; i++)
            {
                Assert.True(Math.Abs(saddle.Dual[i]) <= 1 + 1e-12);
                if (saddle.Beta[i] == 0) continue;
                Assert.Equal(Math.Sign(saddle.Beta[i]), saddle.Dual[i]);
                Assert.True(Math.Abs(gradient[i]) < 1e-10 * scale);
            }
        }
        // At the end s is a dual certificate of basis pursuit: ||s||_inf <= 1 and <s, beta> = ||beta||_1.
        var last = sequence.Saddles[^1];
        double inner = last.Dual.Zip(last.Beta, (a, b) => a * b).Sum();
        Assert.Equal(last.Beta.Sum(Math.Abs), inner, 1e-10 * Math.Max(1, inner));
    }

    [Fact]
    public void NonNegativeLeastSquaresMeetsItsOptimalityConditions()
    {
        var random = new DlnLab.Randomness.Xoshiro256(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 2 + trial % 5, m = 1 + trial % 7;
            var a = new Matrix(n, m);
            for (int i = 0; i < a.Data.Length; i++) a.Data[i] = random.NextGaussian();
            var y = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
            var b = NonNegativeLeastSquares.Solve(a, y);
            // KKT: b >= 0, w = A^T (y - A b) <= 0, w_i = 0 where b_i > 0 (sufficient, the problem being convex).
            var w = a.MultiplyTransposed(MatrixOperations.Residual(a, b, y));
            double scale = Math.Max(1, MatrixOperations.MaxAbs(a.MultiplyTransposed(y)));
            for (int i = 0; i < m; i++)
            {
                Assert.True(b[i] >= 0);
                Assert.True(-w[i] <= 1e-11 * scale, $"trial {trial}: gradient {-w[i]:G3} at {i}");
                if (b[i] > 0) Assert.True(Math.Abs(w[i]) <= 1e-11 * scale, $"trial {trial}: free coordinate {i} has gradient {w[i]:G3}");
            }
        }
    }

    [Fact]
    public void MismatchedSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SaddleToSaddle.Compute(FixtureX, [1, 0, 0]));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"entry {i}: {actual[i]:R} against {expected[i]:R}");
    }
}
