using DlnLab.Randomness;

namespace DlnLab.Tests.Randomness;

/// <summary>SplitMix64 against the published outputs of its reference generator, and FNV-1a against its reference values.</summary>
public class SplitMix64Tests
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Mix(z) is the output of the reference generator (splitmix64.c) whose state was z, so its k-th output from seed s is
    /// Mix(s + k gamma). Seed 1234567: the sequence Rosetta Code lists; seed 0: the reference's first three outputs.
    /// </summary>
    [Theory]
    [InlineData(1234567UL, new[] { 6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL })]
    [InlineData(0UL, new[] { 0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL })]
    public void MixIsTheReferenceGeneratorsOutput(ulong seed, ulong[] expected)
    {
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k], SplitMix64.Mix(seed + (ulong)k * Gamma));
    }

    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    public void LabelIsFnv1a(string label, ulong expected) => Assert.Equal(expected, SplitMix64.Label(label));

    [Fact]
    public void DerivedSeedsDependOnEveryCoordinateAndTheirOrder()
    {
        ulong reference = SplitMix64.Derive(42, 1, 2, 3);
        Assert.Equal(reference, SplitMix64.Derive(42, 1, 2, 3));
        Assert.NotEqual(reference, SplitMix64.Derive(43, 1, 2, 3));
        Assert.NotEqual(reference, SplitMix64.Derive(42, 2, 1, 3));
        Assert.NotEqual(reference, SplitMix64.Derive(42, 1, 2, 4));
        Assert.NotEqual(reference, SplitMix64.Derive(42, 1, 2));
        Assert.NotEqual(reference, SplitMix64.Derive(42, 1, 2, 3, 0));
        Assert.Equal(SplitMix64.Mix(42), SplitMix64.Derive(42));
    }

    [Fact]
    public void DerivedSeedsOfAGridAreDistinct()
    {
        var seen = new HashSet<ulong>();
        for (ulong a = 0; a < 64; a++)
            for (ulong b = 0; b < 64; b++)
                Assert.True(seen.Add(SplitMix64.Derive(7, a, b)), $"({a}, {b}) repeats a seed");
    }
}
