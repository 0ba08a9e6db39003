using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Theory;

namespace DlnLab.Tests.Theory;

/// <summary>The non-negative least squares behind each saddle: its answer meets the KKT conditions of argmin_{b >= 0} ||A b - y||^2.</summary>
public class NonNegativeLeastSquaresTests
{
    [Theory]
    [InlineData(5, 3, 1ul)]
    [InlineData(6, 12, 2ul)]
    [InlineData(20, 8, 3ul)]
    [InlineData(3, 30, 4ul)]
    public void TheMinimiserIsNonNegativeWithTheGradientZeroOnItsSupportAndPointingOutwardElsewhere(int n, int m, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var a = new Matrix(n, m);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++) a[r, c] = rng.NextGaussian();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();

        var b = NonNegativeLeastSquares.Solve(a, y);

        // w = A^T (y - A b): w_i <= 0 where b_i = 0 (growing b_i would not lower the loss), w_i = 0 where b_i > 0.
        var residual = MatrixOperations.Residual(a, b, y);
        var w = a.MultiplyTransposed(residual.Select(v => -v).ToArray());
        double scale = MatrixOperations.MaxAbs(a.MultiplyTransposed(y));
        Assert.Contains(b, v => v > 0);
        for (int i = 0; i < m; i++)
        {
            Assert.True(b[i] >= 0, $"b[{i}] = {b[i]}");
            if (b[i] > 0) Assert.True(Math.Abs(w[i]) <= 1e-9 * scale, $"b[{i}] = {b[i]:G3} > 0 but w[{i}] = {w[i]:G3}");
            else Assert.True(w[i] <= 1e-9 * scale, $"b[{i}] = 0 but w[{i}] = {w[i]:G3} > 0");
        }
    }

    [Fact]
    public void WhenTheUnconstrainedMinimiserIsPositiveItIsTheAnswer()
    {
        // A = I: argmin ||b - y||^2 over b >= 0 is max(y, 0) coordinatewise.
        var a = new Matrix(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        var b = NonNegativeLeastSquares.Solve(a, [2.0, -1.0, 0.5]);
        Assert.Equal([2.0, 0.0, 0.5], b);
    }
}
