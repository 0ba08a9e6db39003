using DlnLab.Theory;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DlnLab.Tests.Theory;

public class HyperentropyTests
{
    // The textbook formula, for moderate values only.
    private static double NaivePsi(double[] beta, double[] a)
    {
        double s = 0;
        for (int i = 0; i < beta.Length; i++)
        {
            double a2 = a[i] * a[i];
            s += beta[i] * Math.Asinh(beta[i] / a2) - Math.Sqrt(beta[i] * beta[i] + a2 * a2) + a2;
        }
        return s / 2;
    }

    [Fact]
    public void ValueAndGradientMatchTheFormulaAndFiniteDifferences()
    {
        double[] beta = [0.3, -2, 0, 5e-3, 11];
        double[] a = [0.1, 1, 0.5, 0.05, 3];
        Assert.Equal(NaivePsi(beta, a), Hyperentropy.Value(beta, a), 1e-12);
        var grad = Hyperentropy.Gradient(beta, a);
        for (int i = 0; i < beta.Length; i++)
        {
            Assert.Equal(0.5 * Math.Asinh(beta[i] / (a[i] * a[i])), grad[i], 1e-14);
            double h = 1e-6;
            var plus = (double[])beta.Clone();
            var minus = (double[])beta.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (Hyperentropy.Value(plus, a) - Hyperentropy.Value(minus, a)) / (2 * h);
            Assert.Equal(grad[i], fd, 1e-6);
        }
    }

    [Fact]
    public void LogDomainHandlesScalesFarBelowTheDoubleRange()
    {
        // A = e^-900 underflows; psi(beta) ~ 1/2 |beta| (ln(2|beta|/A) - 1) stays finite, exact up to the rounding of
        // ln(2|beta|/A) ~ 900 itself (1e-13 relative).
        double[] beta = [2.0];
        double[] lnA = [-900];
        double expected = 0.5 * (2 * (Math.Log(4) + 900) - 2);
        Assert.Equal(expected, Hyperentropy.ValueLog(beta, lnA), 1e-12 * expected);
        Assert.Equal(0.5 * (Math.Log(4) + 900), Hyperentropy.GradientLog(beta, lnA)[0], 1e-12);
        Assert.Equal(0, Hyperentropy.BregmanDivergenceLog(beta, beta, lnA));
    }

    [Fact]
    public void DivergenceEqualsItsDefinition()
    {
        double[] b1 = [0.3, -2, 0, 1];
        double[] b2 = [1.3, 0.5, -0.2, 1];
        double[] a = [0.3, 1, 0.5, 2];
        var g2 = Hyperentropy.Gradient(b2, a);
        double definition = Hyperentropy.Value(b1, a) - Hyperentropy.Value(b2, a) - g2.Zip(b1.Zip(b2, (x, y) => x - y), (g, d) => g * d).Sum();
        Assert.Equal(definition, Hyperentropy.BregmanDivergence(b1, b2, a), 1e-12);
    }

    [Property(MaxTest = 300)]
    public Property DivergenceIsNonnegativeZeroOnTheDiagonalAndConvexInItsFirstArgument()
    {
        var coordinate = Gen.Choose(-4000, 4000).Select(k => Math.Sinh(k / 500.0));
        var gen = from b1 in coordinate.ArrayOf(4)
                  from b2 in coordinate.ArrayOf(4)
                  from lnA in Gen.Choose(-700, 20).ArrayOf(4)
                  select (b1, b2, lnA.Select(v => (double)v).ToArray());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (b1, b2, lnA) = t;
            double d12 = Hyperentropy.BregmanDivergenceLog(b1, b2, lnA);
            double d11 = Hyperentropy.BregmanDivergenceLog(b1, b1, lnA);
            // Gradient identity: D(b1, b2) + D(b2, b1) = <grad psi(b1) - grad psi(b2), b1 - b2>.
            var g1 = Hyperentropy.GradientLog(b1, lnA);
            var g2 = Hyperentropy.GradientLog(b2, lnA);
            double symmetric = d12 + Hyperentropy.BregmanDivergenceLog(b2, b1, lnA);
            double inner = 0, scale = 0;
            for (int i = 0; i < b1.Length; i++)
            {
                inner += (g1[i] - g2[i]) * (b1[i] - b2[i]);
                scale += Math.Abs(g1[i] - g2[i]) * (Math.Abs(b1[i]) + Math.Abs(b2[i]));
            }
            return d12 >= 0 && d11 == 0 && double.IsFinite(d12) && Math.Abs(symmetric - inner) <= 1e-11 * (scale + 1e-300);
        });
    }
}
