using DlnLab.LinearAlgebra;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class PaddedDesignTests
{
    [Theory]
    [InlineData(20, 30)]
    [InlineData(200, 1000)]
    [InlineData(3, 70000)]
    public void RowsArePaddedCopiesAndXStartsACacheLine(int n, int d)
    {
        var data = new double[n * d];
        for (int k = 0; k < data.Length; k++) data[k] = k % 7 - 3.5;
        var y = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var design = new PaddedDesign(new Matrix(n, d, data), y);
        Assert.Equal(0, design.Stride % PaddedDesign.Lanes);
        Assert.Equal(n * design.Stride, design.X.Length);
        for (int i = 0; i < n; i++)
        {
            var row = design.Row(i);
            Assert.Equal(data.AsSpan(i * d, d).ToArray(), row[..d].ToArray());
            Assert.All(row[d..].ToArray(), x => Assert.Equal(0.0, x));
        }
        // Large designs used to start wherever the heap put them: every 512-bit load of X then straddled two lines.
        Assert.Equal(0, CacheAligned.Offset(ref design.XData));
    }
}
