using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Tests.LinearAlgebra;

public class CholeskyTests
{
    private static Matrix RandomSpd(int n, ulong seed, double shift = 1)
    {
        var rng = new Xoshiro256(seed);
        var b = new Matrix(n, n + 3);
        for (int i = 0; i < b.Data.Length; i++) b.Data[i] = rng.NextGaussian();
        var a = MatrixOperations.Gram(b);
        for (int i = 0; i < n; i++) a[i, i] += shift;
        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    public void SolvesPositiveDefiniteSystemsWithoutJitter(int n)
    {
        var a = RandomSpd(n, 3);
        var xTrue = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        var b = a.Multiply(xTrue);
        Assert.True(Cholesky.TryFactor(a, out var chol));
        var x = chol!.Solve(b);
        Assert.Equal(0, chol.Jitter);
        Assert.True(MatrixOperations.Distance(x, xTrue) <= 1e-11 * MatrixOperations.Norm2(xTrue));
    }

    [Fact]
    public void SingularMatrixGetsASmallReportedJitter()
    {
        // Rank 1: x x^T.
        int n = 5;
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = (i + 1.0) * (j + 1.0);
        Assert.False(Cholesky.TryFactor(a, out _));
        var chol = Cholesky.Factor(a);
        Assert.InRange(chol.Jitter, 1e-16, 1e-4 * 25);
    }

    [Fact]
    public void IndefiniteMatrixIsRefused()
    {
        var a = new Matrix(2, 2, [1, 0, 0, -1]);
        Assert.Throws<ArgumentException>(() => Cholesky.Factor(a));
    }
}
