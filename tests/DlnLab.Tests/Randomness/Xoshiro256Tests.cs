using DlnLab.Randomness;

namespace DlnLab.Tests.Randomness;

/// <summary>xoshiro256** against its reference outputs, its seeding, and the distributions drawn from it.</summary>
public class Xoshiro256Tests
{
    /// <summary>The first ten outputs of the reference xoshiro256starstar.c from the state {1, 2, 3, 4}.</summary>
    [Fact]
    public void OutputsAreTheReferenceImplementations()
    {
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600, 16172922978634559625,
            8476171486693032832, 10595114339597558777, 2904607092377533576,
        ];
        var rng = new Xoshiro256(1, 2, 3, 4);
        foreach (ulong value in expected) Assert.Equal(value, rng.NextUInt64());
    }

    [Fact]
    public void AnAllZeroStateIsRefused() => Assert.Throws<ArgumentException>(() => new Xoshiro256(0, 0, 0, 0));

    [Theory]
    [InlineData(0UL)]
    [InlineData(2024UL)]
    [InlineData(ulong.MaxValue)]
    public void ASeedFillsTheStateWithFourSplitMixOutputs(ulong seed)
    {
        var seeded = new Xoshiro256(seed);
        var explicitState = new Xoshiro256(SplitMix64.Mix(seed), SplitMix64.Mix(seed + 1), SplitMix64.Mix(seed + 2), SplitMix64.Mix(seed + 3));
        for (int i = 0; i < 100; i++) Assert.Equal(explicitState.NextUInt64(), seeded.NextUInt64());
    }

    [Fact]
    public void ADoubleIsTheTop53BitsTimesTwoToTheMinus53()
    {
        var rng = new Xoshiro256(5);
        var twin = new Xoshiro256(5);
        for (int i = 0; i < 10_000; i++)
        {
            double u = rng.NextDouble();
            Assert.Equal((twin.NextUInt64() >> 11) * Math.ScaleB(1.0, -53), u);
            Assert.InRange(u, 0.0, 1.0 - Math.ScaleB(1.0, -53));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    public void IntegersBelowABoundAreUniform(int bound)
    {
        const int draws = 200_000;
        var rng = new Xoshiro256((ulong)bound);
        var counts = new int[bound];
        for (int i = 0; i < draws; i++) counts[rng.NextBelow(bound)]++;
        if (bound == 1) { Assert.Equal(draws, counts[0]); return; }
        // Pearson's chi-square with bound - 1 degrees of freedom: mean bound - 1, standard deviation sqrt(2 (bound - 1));
        // eight standard deviations above the mean fails only for a biased or broken draw.
        double expected = (double)draws / bound;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < bound - 1 + 8 * Math.Sqrt(2.0 * (bound - 1)), $"chi-square {chiSquare:F1} over {bound} bins");
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public void GaussianDrawsHaveTheStandardNormalsMoments()
    {
        const int draws = 400_000;
        var rng = new Xoshiro256(11);
        double sum = 0, sumSquares = 0, sumFourth = 0;
        int beyond = 0;
        for (int i = 0; i < draws; i++)
        {
            double z = rng.NextGaussian();
            sum += z;
            sumSquares += z * z;
            sumFourth += z * z * z * z;
            if (Math.Abs(z) > 1.959963984540054) beyond++;
        }
        // Each bound is five standard errors of its estimate.
        Assert.InRange(sum / draws, -5 / Math.Sqrt(draws), 5 / Math.Sqrt(draws));
        Assert.InRange(sumSquares / draws, 1 - 5 * Math.Sqrt(2.0 / draws), 1 + 5 * Math.Sqrt(2.0 / draws));
        Assert.InRange(sumFourth / draws, 3 - 5 * Math.Sqrt(96.0 / draws), 3 + 5 * Math.Sqrt(96.0 / draws));
        Assert.InRange((double)beyond / draws, 0.05 - 5 * Math.Sqrt(0.0475 / draws), 0.05 + 5 * Math.Sqrt(0.0475 / draws));
    }

    [Fact]
    public void TheSameSeedGivesTheSameStream()
    {
        var a = new Xoshiro256(99);
        var b = new Xoshiro256(99);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextGaussian(), b.NextGaussian());
            Assert.Equal(a.NextBelow(17), b.NextBelow(17));
        }
        Assert.NotEqual(new Xoshiro256(99).NextUInt64(), new Xoshiro256(100).NextUInt64());
    }
}
