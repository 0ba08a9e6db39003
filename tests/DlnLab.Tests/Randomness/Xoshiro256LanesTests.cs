using System.Runtime.Intrinsics;
using DlnLab.Randomness;

namespace DlnLab.Tests.Randomness;

public class Xoshiro256LanesTests
{
    [Fact]
    public void EveryLaneDrawsWhatItsOwnGeneratorDraws()
    {
        if (!Xoshiro256Lanes.IsSupported) return;
        var scalar = Enumerable.Range(0, 8).Select(i => new Xoshiro256((ulong)(1000 + 7 * i))).ToArray();
        var lanes = new Xoshiro256Lanes();
        for (int lane = 0; lane < 8; lane++) lanes.Load(lane, scalar[lane]);
        foreach (int bound in new[] { 1, 2, 3, 20, 1000, 1 << 20, int.MaxValue })
            for (int draw = 0; draw < 2000; draw++)
            {
                var v = lanes.NextBelow(bound);
                for (int lane = 0; lane < 8; lane++) Assert.Equal(scalar[lane].NextBelow(bound), v.GetElement(lane));
            }
        for (int lane = 0; lane < 8; lane++)
        {
            var back = new Xoshiro256();
            lanes.Store(lane, ref back);
            Assert.Equal(scalar[lane].State, back.State);
        }
    }

    /// <summary>s1 for which the next output is <paramref name="r"/>: the output rotl(s1 * 5, 7) * 9 inverted modulo 2^64.</summary>
    private static ulong StateForOutput(ulong r) => ulong.RotateRight(r * 10248191152060862009UL, 7) * 14757395258967641293UL;

    [Theory]
    [InlineData(20)]
    [InlineData(3)]
    [InlineData(1_000_003)]
    public void LanesThatNeedLemiresRejectionStepTakeIt(int bound)
    {
        if (!Xoshiro256Lanes.IsSupported) return;
        // Outputs r = ceil(k 2^64 / bound) give r * bound mod 2^64 < bound: the first test of Lemire's method fails, and
        // where that remainder is also below 2^64 mod bound the draw is rejected and redrawn.
        var scalar = new Xoshiro256[8];
        var lanes = new Xoshiro256Lanes();
        int rejected = 0;
        for (int lane = 0; lane < 8; lane++)
        {
            UInt128 k = (UInt128)(3 + 5 * lane);
            ulong r = (ulong)(((k << 64) + (UInt128)(ulong)bound - 1) / (UInt128)(ulong)bound);
            ulong low = unchecked(r * (ulong)bound);
            Assert.True(low < (ulong)bound);
            if (low < (0UL - (ulong)bound) % (ulong)bound) rejected++;
            // Odd lanes keep an ordinary state, so ordinary and rejected lanes share a draw.
            ulong s1 = lane % 2 == 0 ? StateForOutput(r) : 0x9E3779B97F4A7C15UL * (ulong)(lane + 1);
            var generator = new Xoshiro256(0x1234 + (ulong)lane, s1, 0xABCDEF + (ulong)lane, 0x5555 * (ulong)(lane + 1));
            if (lane % 2 == 0) Assert.Equal(r, new Xoshiro256(0x1234 + (ulong)lane, s1, 0xABCDEF + (ulong)lane, 0x5555 * (ulong)(lane + 1)).NextUInt64());
            scalar[lane] = generator;
            lanes.Load(lane, generator);
        }
        if (bound == 20) Assert.True(rejected > 0);
        for (int draw = 0; draw < 50; draw++)
        {
            var v = lanes.NextBelow(bound);
            for (int lane = 0; lane < 8; lane++) Assert.Equal(scalar[lane].NextBelow(bound), v.GetElement(lane));
        }
    }
}
