using DlnLab.Theory;

namespace DlnLab.Tests.Theory;

public class DepthPotentialTests
{
    private static readonly double[] Points = [-0.999999, -0.9, -0.5, -1e-3, -1e-9, 0, 1e-9, 1e-3, 0.3, 0.7, 0.99, 0.999999];

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(10)]
    public void ClosedFormsMatchTheDefinitions(int depth)
    {
        double p = (double)depth / (depth - 2), r = 2.0 / (depth - 2);
        foreach (double z in Points)
        {
            double h = Math.Pow(1 - z, -p) - Math.Pow(1 + z, -p);
            double dh = p * (Math.Pow(1 - z, -p - 1) + Math.Pow(1 + z, -p - 1));
            double big = (depth - 2) / 2.0 * (Math.Pow(1 - z, -r) + Math.Pow(1 + z, -r));
            // The direct formulas cancel near 0; compare with an absolute floor there.
            Assert.True(Math.Abs(DepthPotential.Link(depth, z) - h) <= 1e-13 * Math.Abs(h) + 1e-15, $"h({z})");
            Assert.True(Math.Abs(DepthPotential.LinkDerivative(depth, z) - dh) <= 1e-13 * dh, $"h'({z})");
            Assert.True(Math.Abs(DepthPotential.DualPotential(depth, z) - big) <= 1e-13 * big, $"H({z})");
        }
        Assert.Equal(2 * p * 1e-12, DepthPotential.Link(depth, 1e-12), 1e-25); // h_D(z) ~ 2p z, no cancellation
        Assert.True(double.IsNaN(DepthPotential.Link(depth, 1)));
        Assert.True(double.IsPositiveInfinity(DepthPotential.DualPotential(depth, -1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void DerivativesAgreeWithFiniteDifferences(int depth)
    {
        const double step = 1e-6;
        foreach (double z in new[] { -0.8, -0.2, 0.1, 0.6, 0.95 })
        {
            double dH = (DepthPotential.DualPotential(depth, z + step) - DepthPotential.DualPotential(depth, z - step)) / (2 * step);
            double dh = (DepthPotential.Link(depth, z + step) - DepthPotential.Link(depth, z - step)) / (2 * step);
            Assert.Equal(DepthPotential.Link(depth, z), dH, 1e-6 * Math.Max(1, Math.Abs(dH)));
            Assert.Equal(DepthPotential.LinkDerivative(depth, z), dh, 1e-6 * Math.Max(1, dh));
        }
        foreach (double b in new[] { -30, -1, -0.01, 0.2, 3, 500 })
        {
            double s = 1e-6 * Math.Max(1, Math.Abs(b));
            double dq = (DepthPotential.PrimalTerm(depth, b + s) - DepthPotential.PrimalTerm(depth, b - s)) / (2 * s);
            Assert.Equal(DepthPotential.InverseLink(depth, b), dq, 1e-6);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(64)]
    public void InverseLinkInvertsTheLink(int depth)
    {
        foreach (double z in Points)
        {
            double b = DepthPotential.Link(depth, z);
            double back = DepthPotential.InverseLink(depth, b);
            // z is resolved to a few units of roundoff, relative where |z| is small.
            Assert.True(Math.Abs(back - z) <= 4e-16 * Math.Max(Math.Abs(z), 1e-300) + 2e-16, $"D {depth}: z {z}, b {b}, back {back}");
        }
        Assert.Equal(0, DepthPotential.InverseLink(depth, 0));
        Assert.True(DepthPotential.InverseLink(depth, 1e300) < 1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void PrimalTermIsTheIntegralOfTheInverseLink(int depth)
    {
        // q_D(b) = ∫_0^b h_D^{-1}, by Simpson's rule on 2000 intervals.
        foreach (double b in new[] { -4.0, 0.5, 2, 40 })
        {
            const int m = 2000;
            double width = b / m, sum = 0;
            for (int k = 0; k <= m; k++)
                sum += (k == 0 || k == m ? 1 : k % 2 == 1 ? 4 : 2) * DepthPotential.InverseLink(depth, k * width);
            double integral = sum * width / 3;
            Assert.Equal(integral, DepthPotential.PrimalTerm(depth, b), 1e-8 * Math.Max(1, Math.Abs(integral)));
        }
        Assert.Equal(0, DepthPotential.PrimalTerm(depth, 0));
    }

    [Fact]
    public void DepthTwoIsWoodworthsClosedFormAndFourTimesTheHyperentropyOfHalfBeta()
    {
        double[] beta = [-3, -0.1, 0, 0.02, 1.5, 40];
        double[] alpha = [0.3, 1, 0.05, 2, 0.7, 0.1];
        double q = DepthPotential.Value(2, beta, alpha);
        double psi = Hyperentropy.Value(beta.Select(b => b / 2).ToArray(), alpha);
        Assert.Equal(4 * psi, q, 1e-12 * q);
    }
}
