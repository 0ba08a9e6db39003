using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Training;
using static DlnLab.Tests.Training.CanonicalOrder;

namespace DlnLab.Tests.Training;

/// <summary>
/// Each single-run kernel at each vector width, forced through its type parameter (one Vector512, two Vector256, four
/// Vector128 or eight scalars per chunk of eight), against the scalar loop in the documented order, bit for bit: the
/// width the processor offers never changes a result.
/// </summary>
public class KernelWidthTests
{
    private static double[] Random(int length, ulong seed, int zeroFrom = int.MaxValue)
    {
        var rng = new Xoshiro256(seed);
        return Enumerable.Range(0, length).Select(i => i >= zeroFrom ? 0 : (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.NextDouble() * 4 - 2)).ToArray();
    }

    /// <summary>d below and above each multiple of 8 the kernels branch on (8, 16, 24, 32, 64).</summary>
    public static TheoryData<int> Dimensions => new() { 1, 5, 8, 9, 13, 16, 17, 23, 24, 30, 32, 33, 45, 64, 65, 70, 80, 87, 100, 250 };

    private static NetworkState State(int d, ulong seed, bool unitScales = true)
    {
        int stride = PaddedDesign.PaddedLength(d);
        var rng = new Xoshiro256(seed);
        var state = new NetworkState(Enumerable.Range(0, d).Select(_ => 0.05 + 0.25 * rng.NextDouble()).ToArray(), stride);
        if (!unitScales)
            for (int i = 0; i < d; i += 3)
            {
                // A stored factor times an exact power of two, as renormalisation leaves it.
                state.WPlus[i] *= 0.125; state.PlusExponent[i] = 3; state.PlusScaleSquared[i] = 64;
                state.WMinus[i] *= 4; state.MinusExponent[i] = -2; state.MinusScaleSquared[i] = 1.0 / 16;
            }
        return state;
    }

    [Fact]
    public void DotAndDot4FollowTheCanonicalOrderAtEveryWidth()
    {
        DotCase<Octet512>(); DotCase<Octet256>(); DotCase<Octet128>(); DotCase<OctetScalar>();
    }

    private static void DotCase<T>() where T : struct, IOctet<T>
    {
        for (int length = 0; length <= 400; length += 8)
        {
            var rows = Enumerable.Range(0, 4).Select(r => Random(length, (ulong)(length * 7 + r))).ToArray();
            var b = Random(length, (ulong)length + 1000);
            long[] expected = rows.Select(row => Bits(Dot(row, b))).ToArray();
            Assert.Equal(expected[0], Bits(Kernels.Dot<T>(rows[0], b)));
            Assert.Equal(expected[0], Bits(Kernels.Dot<Octet512>(rows[0], b)));
            var (d0, d1, d2, d3) = Kernels.Dot4<T>(rows[0], rows[1], rows[2], rows[3], b);
            Assert.Equal(expected, new[] { Bits(d0), Bits(d1), Bits(d2), Bits(d3) });
        }
    }

    [Fact]
    public void PowerUpdateIsTheModelsScalarStepAtEveryWidth()
    {
        PowerCase<Octet512>(); PowerCase<Octet256>(); PowerCase<Octet128>(); PowerCase<OctetScalar>();
    }

    private static void PowerCase<T>() where T : struct, IOctet<T>
    {
        foreach (int depth in new[] { 2, 3, 4, 5 })
            foreach (int d in new[] { 1, 8, 13, 65 })
            {
                int stride = PaddedDesign.PaddedLength(d);
                var model = (DlnLab.Models.PowerModel)DlnLab.Models.Model.Create(DlnLab.Models.ModelSpec.Power(depth), Enumerable.Range(0, d).Select(i => 0.1 + 0.01 * i).ToArray(), null, null);
                var g = Random(stride, (ulong)(depth * 100 + d), zeroFrom: d);
                var (wp, wm) = (Random(stride, (ulong)d + 7, zeroFrom: d), Random(stride, (ulong)d + 8, zeroFrom: d));
                var beta = new double[stride];
                double scale = 0.0123;
                var (ep, em) = ((double[])wp.Clone(), (double[])wm.Clone());
                double max = 0;
                for (int i = 0; i < d; i++)
                {
                    (ep[i], em[i]) = model.Step(ep[i], em[i], scale, g[i]);
                    max = Math.Max(max, Math.Abs(scale * g[i]));
                }
                double got = PowerKernels.Update<T>(g, scale, depth, wp, wm, beta);
                Assert.Equal(ep.Select(Bits), wp.Select(Bits));
                Assert.Equal(em.Select(Bits), wm.Select(Bits));
                Assert.Equal(Enumerable.Range(0, stride).Select(i => Bits(i < d ? model.Beta(ep[i], em[i]) : 0)), beta.Select(Bits));
                Assert.Equal(Bits(max), Bits(got));
            }
    }

    [Fact]
    public void BatchGradientSumIsRowByRowAxpyAtEveryWidthAndStride()
    {
        GradientCase<Octet512>(); GradientCase<Octet256>(); GradientCase<Octet128>(); GradientCase<OctetScalar>();
    }

    private static void GradientCase<T>() where T : struct, IOctet<T>
    {
        // Strides 8, 16, 24, 32 (register-blocked) and longer rows in blocks of four plus 0..3 single rows.
        foreach (int d in new[] { 3, 8, 11, 16, 20, 24, 30, 32, 33, 45, 64, 70, 130 })
            foreach (int b in new[] { 1, 2, 3, 4, 5, 7, 8, 9 })
            {
                int n = 9;
                var x = new Matrix(n, d);
                var rng = new Xoshiro256((ulong)(d * 31 + b));
                for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i, j] = rng.NextDouble() - 0.5;
                var y = Random(n, 6);
                var design = new PaddedDesign(x, y);
                var beta = Random(design.Stride, 7, zeroFrom: d);
                int[] batch = Enumerable.Range(0, b).Select(m => (m * 5 + d) % n).ToArray();
                var expected = new double[design.Stride];
                double expectedSquares = 0;
                foreach (int j in batch)
                {
                    double r = Dot(design.Row(j), beta) - y[j];
                    expectedSquares += r * r;
                    for (int i = 0; i < design.Stride; i++) expected[i] = Math.FusedMultiplyAdd(r, design.Row(j)[i], expected[i]);
                }
                var actual = new double[design.Stride];
                Array.Fill(actual, double.NaN);
                Assert.Equal(Bits(expectedSquares), Bits(Kernels.BatchGradientSum<T>(design, batch, beta, actual)));
                Assert.Equal(Bits(expected), Bits(actual));
            }
    }

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void UpdateMatchesTheScalarUpdateAtEveryWidth(int d)
    {
        UpdateCase<Octet512>(d); UpdateCase<Octet256>(d); UpdateCase<Octet128>(d); UpdateCase<OctetScalar>(d);
    }

    private static void UpdateCase<T>(int d) where T : struct, IOctet<T>
    {
        int stride = PaddedDesign.PaddedLength(d);
        var x = Random(stride, 2, zeroFrom: d);
        foreach (bool unit in new[] { true, false })
        {
            NetworkState reference = State(d, 1, unit), update = State(d, 1, unit);
            for (int step = 0; step < 4; step++)
            {
                double scale = 0.3 / (step + 1);
                double max = Update(x, scale, reference);
                Assert.Equal(Bits(max), Bits(Kernels.Update<T>(x, scale, update)));
                AssertSameState(reference, update);
            }
        }
        // A NaN or infinite step takes the exact rule at every width: NaN, or the infinity; so does the b = 1 loop's
        // max |t|, whose row maximum is then +infinity.
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var direction = (double[])x.Clone();
            direction[d - 1] = bad;
            var reference = State(d, 1);
            double expected = Update(direction, 1.0, reference);
            // (NaN's sign and payload are not part of the result.)
            Assert.Equal(expected, Kernels.Update<T>(direction, 1.0, State(d, 1)));
            Assert.Equal(expected, Kernels.SingleSampleMaxStep<T>(1.0, double.PositiveInfinity, ref direction[0], (nuint)stride));
        }
        // A finite row with a non-finite scale: the exact rule too.
        foreach (double scale in new[] { double.NaN, double.PositiveInfinity, 0.0 })
            Assert.Equal(Update(x, scale, State(d, 1)), Kernels.SingleSampleMaxStep<T>(scale, x.Max(Math.Abs), ref x[0], (nuint)stride));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(30)]
    [InlineData(32)]
    [InlineData(45)]
    [InlineData(64)]
    [InlineData(65)]   // long rows: four accumulators, then a last chunk to the first
    [InlineData(80)]   // ... the last two chunks to the first two
    [InlineData(87)]   // ... the last three
    [InlineData(96)]   // ... whole blocks of four chunks only
    [InlineData(130)]
    [InlineData(250)]
    public void SingleSampleStepsAreTheScalarStepsAtEveryWidth(int d)
    {
        SingleSampleCase<Octet512>(d); SingleSampleCase<Octet256>(d); SingleSampleCase<Octet128>(d); SingleSampleCase<OctetScalar>(d);
    }

    private static void SingleSampleCase<T>(int d) where T : struct, IOctet<T>
    {
        int n = 7;
        var x = new Matrix(n, d);
        var rng = new Xoshiro256((ulong)d);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i, j] = rng.NextGaussian();
        var design = new PaddedDesign(x, Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray());
        var rowMax = design.RowMaxAbs;
        double gamma = 0.2 / d;
        const int steps = 100;   // past a renormalisation (every 32 steps)
        // The reference: one fused step of the scalar definitions after another, on the same draws.
        var reference = State(d, 4);
        var referenceSampler = new BatchSampler(n, 1, BatchMode.Uniform, 5);
        int current = referenceSampler.Next()[0];
        double dot = Dot(design.Row(current), reference.Beta), maxStep = 0;
        for (int k = 1; k <= steps; k++)
        {
            int next = referenceSampler.Next()[0];
            double m = Update(design.Row(current), gamma * (dot - design.Y[current]), reference);
            dot = Dot(design.Row(next), reference.Beta);
            maxStep = Math.Max(maxStep, m);
            current = next;
            if (k % 32 == 0) reference.Renormalize();
        }
        var state = State(d, 4);
        var sampler = new BatchSampler(n, 1, BatchMode.Uniform, 5);
        int cur = sampler.Next()[0];
        double dotCur = Kernels.Dot<T>(design.Row(cur), state.Beta), maxStepGradient = 0;
        long singular = 0;
        long reached = Kernels.SingleSampleSteps<T>(design, state, sampler, StepsizeSchedule.Constant(gamma), gamma, rowMax, 0, steps,
            ref cur, ref dotCur, ref singular, ref maxStepGradient);
        Assert.Equal(steps, reached);
        Assert.True(double.IsFinite(dot) && maxStep > 0);
        Assert.Equal(current, cur);
        Assert.Equal(Bits(dot), Bits(dotCur));
        Assert.Equal(Bits(maxStep), Bits(maxStepGradient));
        AssertSameState(reference, state);
    }

    [Fact]
    public void InRangeIsTheScalarRuleAtEveryWidth()
    {
        InRangeCase<Octet512>(); InRangeCase<Octet256>(); InRangeCase<Octet128>(); InRangeCase<OctetScalar>();
    }

    private static void InRangeCase<T>() where T : struct, IOctet<T>
    {
        double low = Math.ScaleB(1.0, -127), high = Math.ScaleB(1.0, 128);
        double[] edges = [low, Math.BitDecrement(low), high, Math.BitDecrement(high), 0, -low, -high, 1, -3.5, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        var rng = new Xoshiro256(3);
        for (int trial = 0; trial < 2000; trial++)
        {
            var w = new double[16];
            for (int i = 0; i < w.Length; i++) w[i] = rng.NextDouble() < 0.9 ? rng.NextDouble() * 4 - 2 : edges[rng.NextBelow(edges.Length)];
            int c = trial % 2 * 8;
            bool expected = true;
            for (int i = c; i < c + 8; i++)
            {
                double a = Math.Abs(w[i]);
                expected &= a != 0 && double.IsFinite(a) && Math.ILogB(a) > -128 && Math.ILogB(a) < 128;
            }
            Assert.Equal(expected, NetworkState.InRange<T>(w, c));
        }
    }
}
