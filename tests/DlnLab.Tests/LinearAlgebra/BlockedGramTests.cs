using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Tests.LinearAlgebra;

/// <summary>
/// The tiled Gram matrix of large problems against the definition G_ij = sum_k x_ik w_k x_jk, on shapes covering its
/// paths: whole 4 x 4 tiles and the last rows, column chunks cut anywhere, a vector width's tail.
/// </summary>
public class BlockedGramTests
{
    private static Matrix RandomMatrix(int rows, int cols, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextGaussian();
        return m;
    }

    private static Matrix Filled(Matrix x, double[] w)
    {
        var g = new Matrix(x.Rows, x.Rows);
        BlockedGram.Fill(x, w, g);
        return g;
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(5, 255)]
    [InlineData(7, 256)]
    [InlineData(8, 257)]
    [InlineData(9, 600)]
    [InlineData(13, 1031)]
    public void AgreesWithTheDefinitionAndIsExactlySymmetric(int n, int d)
    {
        var x = RandomMatrix(n, d, (ulong)(n * 1000 + d));
        var rng = new Xoshiro256(7);
        var w = Enumerable.Range(0, d).Select(_ => Math.Exp(rng.NextGaussian())).ToArray();
        foreach (var weights in new[] { w, [] })
        {
            var g = Filled(x, weights);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double exact = 0, scale = 0;
                    for (int k = 0; k < d; k++)
                    {
                        double term = x[i, k] * (weights.Length == 0 ? 1 : weights[k]) * x[j, k];
                        exact += term;
                        scale += Math.Abs(term);
                    }
                    Assert.True(Math.Abs(g[i, j] - exact) <= 1e-13 * scale, $"G[{i}, {j}] = {g[i, j]:R}, definition {exact:R}");
                    Assert.Equal(BitConverter.DoubleToInt64Bits(g[j, i]), BitConverter.DoubleToInt64Bits(g[i, j]));
                }
        }
    }

    [Fact]
    public void AnEntryDependsOnlyOnItsTwoRows()
    {
        // The leading 5 x 5 block of the Gram of 11 rows (entries in whole tiles) is the Gram of the first 5 rows
        // (entries in the last rows' path), bit for bit: every entry is summed in the same order on either path.
        var x = RandomMatrix(11, 700, 3);
        var w = Enumerable.Range(0, 700).Select(k => 0.5 + (k % 7) / 3.0).ToArray();
        var first = new Matrix(5, 700);
        Array.Copy(x.Data, first.Data, first.Data.Length);
        var all = Filled(x, w);
        var part = Filled(first, w);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(part[i, j]), BitConverter.DoubleToInt64Bits(all[i, j]));
    }

    [Fact]
    public void LargeProblemsTakeTheTiles()
    {
        var large = RandomMatrix(64, (int)(MatrixOperations.BlockedFrom / 64), 5);
        var w = Enumerable.Repeat(1.5, large.Cols).ToArray();
        Assert.Equal(Filled(large, w).Data, MatrixOperations.WeightedGram(large, w).Data);
        Assert.Equal(Filled(large, []).Data, MatrixOperations.Gram(large).Data);
        // Below the size, one dot product per entry (the report-sized problems' bits).
        var small = RandomMatrix(20, 30, 6);
        var expected = new Matrix(20, 20);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 20; j++)
                expected[i, j] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(small.Data.AsSpan(i * 30, 30), small.Data.AsSpan(j * 30, 30));
        Assert.Equal(expected.Data, MatrixOperations.Gram(small).Data);
    }
}
