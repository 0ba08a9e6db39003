using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>The kernels against scalar loops written in the documented summation order, bit for bit.</summary>
public class KernelsTests
{
    private static double[] RandomVector(int length, ulong seed, int zeroFrom = int.MaxValue)
    {
        var rng = new Xoshiro256(seed);
        return Enumerable.Range(0, length).Select(i => i >= zeroFrom ? 0 : rng.NextDouble() * 2 - 1).ToArray();
    }

    [Fact]
    public void DotFollowsTheCanonicalOrderForEveryPaddedLength()
    {
        for (int length = 8; length <= 400; length += 8)
        {
            var a = RandomVector(length, (ulong)length);
            var b = RandomVector(length, (ulong)length + 1000);
            Assert.Equal(BitConverter.DoubleToInt64Bits(CanonicalOrder.Dot(a, b)), BitConverter.DoubleToInt64Bits(Kernels.Dot(a, b)));
        }
    }

    [Theory]
    [InlineData(7, 8)]
    [InlineData(9, 13)]
    [InlineData(20, 30)]
    [InlineData(11, 45)]
    [InlineData(6, 300)]
    public void GradientSumMatchesRowByRowAxpy(int n, int d)
    {
        var x = new Matrix(n, d);
        var rng = new Xoshiro256(5);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i, j] = rng.NextDouble() - 0.5;
        var y = RandomVector(n, 6);
        var design = new PaddedDesign(x, y);
        var beta = RandomVector(design.Stride, 7, zeroFrom: d);
        int[] batch = Enumerable.Range(0, n).Reverse().ToArray();
        var expected = new double[design.Stride];
        double expectedSquares = 0;
        foreach (int j in batch)
        {
            double r = CanonicalOrder.Dot(design.Row(j).ToArray(), beta) - y[j];
            expectedSquares += r * r;
            for (int i = 0; i < design.Stride; i++) expected[i] = Math.FusedMultiplyAdd(r, design.Row(j)[i], expected[i]);
        }
        var actual = new double[design.Stride];
        Array.Fill(actual, double.NaN); // the kernel must overwrite, not accumulate
        double squares = Kernels.BatchGradientSum(design, batch, beta, actual);
        Assert.Equal(expectedSquares, squares);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RenormalizeSkipsOnlyBlocksThatNeedNothing()
    {
        var alpha = Enumerable.Range(0, 21).Select(i => 0.1).ToArray();
        var fast = new NetworkState(alpha, 24);
        var slow = new NetworkState(alpha, 24);
        double[] extremes = [1e-50, 1e60, 0, double.PositiveInfinity, 3e-39, 4e38, 5e-324, -1e-45];
        for (int m = 0; m < extremes.Length; m++)
        {
            int i = m * 5 % 21;
            fast.WPlus[i] = slow.WPlus[i] = extremes[m];
            fast.WMinus[20 - i] = slow.WMinus[20 - i] = extremes[m];
        }
        fast.Renormalize();
        // The scalar rule on every coordinate.
        for (int i = 0; i < slow.D; i++)
        {
            NetworkState.Renormalize(ref slow.WPlus[i], ref slow.PlusExponent[i], ref slow.PlusScaleSquared[i]);
            NetworkState.Renormalize(ref slow.WMinus[i], ref slow.MinusExponent[i], ref slow.MinusScaleSquared[i]);
        }
        Assert.Equal(slow.WPlus, fast.WPlus);
        Assert.Equal(slow.WMinus, fast.WMinus);
        Assert.Equal(slow.PlusExponent, fast.PlusExponent);
        Assert.Equal(slow.MinusExponent, fast.MinusExponent);
        Assert.Equal(slow.PlusScaleSquared, fast.PlusScaleSquared);
        Assert.NotEqual(0, fast.PlusExponent.Count(e => e != 0));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(72)]
    [InlineData(80)]
    [InlineData(88)]
    [InlineData(96)]
    [InlineData(1000)]
    [InlineData(1024)]
    public void Dot4SumsEachRowInDotsOrder(int length)
    {
        var rng = new Xoshiro256((ulong)length);
        double[] Vector() => Enumerable.Range(0, length).Select(_ => rng.NextGaussian() * Math.Pow(10, rng.NextDouble() * 8 - 4)).ToArray();
        var rows = Enumerable.Range(0, 4).Select(_ => Vector()).ToArray();
        var b = Vector();
        var (d0, d1, d2, d3) = Kernels.Dot4(rows[0], rows[1], rows[2], rows[3], b);
        double[] actual = [d0, d1, d2, d3];
        for (int r = 0; r < 4; r++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(Kernels.Dot(rows[r], b)), BitConverter.DoubleToInt64Bits(actual[r]));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(96)]
    public void MaxStepIsNaNOnlyForANaNStep(int stride)
    {
        double Max(params double[] values)
        {
            var direction = new double[stride];
            values.CopyTo(direction, 0);
            var state = new NetworkState(Enumerable.Repeat(0.1, stride).ToArray(), stride);
            double update = Kernels.Update(direction, 2.0, state);
            // The b = 1 loop's rule: |scale| times the row's maximum, +infinity for a row with a non-finite entry.
            double rowMax = direction.All(double.IsFinite) ? direction.Max(Math.Abs) : double.PositiveInfinity;
            double single = Kernels.SingleSampleMaxStep<Octet512>(2.0, rowMax, ref direction[0], (nuint)stride);
            Assert.Equal(BitConverter.DoubleToInt64Bits(update), BitConverter.DoubleToInt64Bits(single));
            return update;
        }
        Assert.Equal(6.0, Max(1, -3, 2));
        Assert.Equal(double.PositiveInfinity, Max(1, double.PositiveInfinity, double.NegativeInfinity));
        Assert.True(double.IsNaN(Max(1, double.NaN, 4)));
        Assert.True(double.IsNaN(Max(double.NegativeInfinity, 5, double.NaN)));
    }
}
