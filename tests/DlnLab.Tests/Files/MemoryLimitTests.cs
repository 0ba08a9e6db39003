namespace DlnLab.Tests.Files;

public class MemoryLimitTests
{
    [Fact]
    public void The_default_is_half_the_available_memory_and_an_estimate_above_it_is_refused_naming_the_field()
    {
        if (Environment.GetEnvironmentVariable(MemoryLimit.EnvironmentVariable) is not null) return;
        double available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal(MemoryLimit.DefaultFraction * available, MemoryLimit.Bytes);
        MemoryLimit.Check("d", 30, 0.4 * available, "small data");
        var e = Assert.Throws<InvalidInputException>(() => MemoryLimit.Check("d", 30, 0.6 * available, "big data"));
        Assert.StartsWith("d: got 30; big data would need about", e.Message);
        Assert.Contains(MemoryLimit.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void Generated_problems_are_estimated_without_overflow()
    {
        // 2^31 x 2^31 overflows 64-bit products of ints; the estimate is a double.
        double bytes = DlnLab.Problems.SparseRegressionSpec.EstimatedBytes(int.MaxValue, int.MaxValue, int.MaxValue);
        Assert.True(bytes > 1e20 && double.IsFinite(bytes));
    }

    [Theory]
    [InlineData(512.0, "512 bytes")]
    [InlineData(1536.0, "1.5 KB")]
    [InlineData(8.0 * 1024 * 1024 * 1024, "8 GB")]
    public void Sizes_read_as_people_write_them(double bytes, string text) => Assert.Equal(text, MemoryLimit.Format(bytes));
}
