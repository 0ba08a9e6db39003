using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Tests.LinearAlgebra;

public class SymmetricEigenTests
{
    private static Matrix RandomSymmetric(int n, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = rng.NextGaussian();
        return a;
    }

    [Fact]
    public void KnownSpectrumOfTheSecondDifferenceMatrix()
    {
        // tridiag(-1, 2, -1) of order n has eigenvalues 2 - 2 cos(k pi / (n + 1)).
        int n = 40;
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            a[i, i] = 2;
            if (i > 0) a[i, i - 1] = a[i - 1, i] = -1;
        }
        var values = SymmetricEigen.Eigenvalues(a);
        for (int k = 1; k <= n; k++)
            Assert.Equal(2 - 2 * Math.Cos(k * Math.PI / (n + 1)), values[k - 1], 12);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(13, 2)]
    [InlineData(120, 3)]
    public void EigenvaluesPreserveTraceAndFrobeniusNormAndMakeShiftsSingular(int n, ulong seed)
    {
        var a = RandomSymmetric(n, seed);
        var values = SymmetricEigen.Eigenvalues(a);
        double trace = 0, frob = 0;
        for (int i = 0; i < n; i++) trace += a[i, i];
        foreach (double v in a.Data) frob += v * v;
        Assert.Equal(trace, values.Sum(), 9);
        Assert.Equal(frob, values.Sum(v => v * v), 8);
        // A - lambda I is singular for each eigenvalue: its LU has a tiny pivot.
        foreach (double lambda in new[] { values[0], values[n / 2], values[^1] })
        {
            var shifted = a.Clone();
            for (int i = 0; i < n; i++) shifted[i, i] -= lambda;
            Assert.True(!LuDecomposition.TryFactor(shifted, out var lu) || lu!.PivotRatio < 1e-11, $"eigenvalue {lambda}");
        }
    }

    [Fact]
    public void LargestEigenvalueMatchesPowerIteration()
    {
        var b = RandomSymmetric(50, 9);
        var a = MatrixOperations.Gram(b); // positive semidefinite: the largest eigenvalue dominates in magnitude
        var x = Enumerable.Repeat(1.0, 50).ToArray();
        double estimate = 0;
        for (int k = 0; k < 3000; k++)
        {
            var ax = a.Multiply(x);
            estimate = MatrixOperations.Norm2(ax) / MatrixOperations.Norm2(x);
            x = ax.Select(v => v / MatrixOperations.Norm2(ax)).ToArray();
        }
        Assert.Equal(estimate, SymmetricEigen.LargestEigenvalue(a), 8);
    }
}
