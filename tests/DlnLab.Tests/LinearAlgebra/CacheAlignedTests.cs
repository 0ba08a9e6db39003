using DlnLab.LinearAlgebra;

namespace DlnLab.Tests.LinearAlgebra;

// Alone: other test classes allocating pinned arrays on other threads meanwhile would move the heap between the tries.
[Collection(nameof(CacheAlignedTests))]
public class CacheAlignedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(CacheAligned.LargestRetried + 8)]
    public void ArraysHaveTheLengthAskedAndStartAtZero(int length)
    {
        var a = CacheAligned.Doubles(length);
        Assert.Equal(length, a.Length);
        Assert.All(a, x => Assert.Equal(0.0, x));
        Assert.Equal(0, CacheAligned.Offset(a) % sizeof(double));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(640)]
    [InlineData(200 * 1000)]
    [InlineData(CacheAligned.LargestRetried + 8)]
    public void SegmentsAlwaysStartACacheLine(int length)
    {
        // A design's X is too large to retry; its segment must start a line every time, not most times.
        for (int k = 0; k < 16; k++)
        {
            var segment = CacheAligned.Segment(length);
            Assert.Equal(length, segment.Count);
            Assert.All(segment, x => Assert.Equal(0.0, x));
            Assert.Equal(0, CacheAligned.Offset(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(segment.AsSpan())));
        }
    }

    [Fact]
    public void MostArraysStartACacheLine()
    {
        // The kernels' lengths: a state of d = 30 (stride 32), a design of 20 x 32, eight lanes of it. A try can still
        // miss (a reused gap of the heap); most must not.
        var kept = new List<double[]>();
        int aligned = 0;
        foreach (int length in new[] { 32, 640, 256 })
            for (int k = 0; k < 32; k++)
            {
                var a = CacheAligned.Doubles(length);
                kept.Add(a);
                if (CacheAligned.Offset(a) == 0) aligned++;
            }
        Assert.True(aligned >= kept.Count / 2, $"{aligned} of {kept.Count} arrays start a cache line");
    }
}

[CollectionDefinition(nameof(CacheAlignedTests), DisableParallelization = true)]
public sealed class CacheAlignedCollection;
