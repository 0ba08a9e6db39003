using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class BatchSamplerTests
{
    [Fact]
    public void UniformBatchesAreDistinctSubsetsWithUniformInclusion()
    {
        const int n = 10, b = 3, draws = 60_000;
        var sampler = new BatchSampler(n, b, BatchMode.Uniform, 42);
        var counts = new int[n];
        for (int k = 0; k < draws; k++)
        {
            var batch = sampler.Next();
            Assert.Equal(b, batch.ToArray().Distinct().Count());
            foreach (int i in batch) counts[i]++;
        }
        double expected = draws * (double)b / n;
        // Binomial standard deviation about 112; 5 sigma.
        Assert.All(counts, c => Assert.InRange(c, expected - 560, expected + 560));
    }

    [Fact]
    public void FullBatchIsEveryRowInOrder()
    {
        var sampler = new BatchSampler(5, 5, BatchMode.Uniform, 1);
        Assert.True(sampler.IsFullBatch);
        Assert.Equal([0, 1, 2, 3, 4], sampler.Next().ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void BatchSizeOutsideOneToNIsRejected(int b)
    {
        var e = Assert.Throws<DlnLab.InvalidInputException>(() => new BatchSampler(5, b, BatchMode.Uniform, 1));
        Assert.Equal("batch-size", e.Field);
    }
}
