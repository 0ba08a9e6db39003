using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Tests.LinearAlgebra;

public class LuDecompositionTests
{
    [Fact]
    public void SolvesBothOrientationsAndInverts()
    {
        int n = 30;
        var rng = new Xoshiro256(5);
        var a = new Matrix(n, n);
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] = rng.NextGaussian();
        var xTrue = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
        Assert.True(LuDecomposition.TryFactor(a, out var lu));
        Assert.True(MatrixOperations.Distance(lu!.Solve(a.Multiply(xTrue)), xTrue) < 1e-10);
        Assert.True(MatrixOperations.Distance(lu.SolveTransposed(a.MultiplyTransposed(xTrue)), xTrue) < 1e-10);
        var inv = lu.Inverse();
        var e0 = new double[n];
        e0[0] = 1;
        Assert.True(MatrixOperations.Distance(a.Multiply(Column(inv, 0)), e0) < 1e-10);
    }

    private static double[] Column(Matrix m, int j) => Enumerable.Range(0, m.Rows).Select(i => m[i, j]).ToArray();

    [Fact]
    public void ExactlySingularMatrixIsReported()
    {
        var a = new Matrix(2, 2, [1, 2, 2, 4]);
        Assert.False(LuDecomposition.TryFactor(a, out _));
    }
}
