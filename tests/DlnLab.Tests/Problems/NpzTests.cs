using System.IO.Compression;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class NpzTests
{
    [Theory]
    [InlineData(false, ZipMethodStored)]
    [InlineData(true, ZipMethodDeflate)]
    public void ArraysRoundTripUnderTheirNames(bool compress, int method)
    {
        using var tmp = new TempFolder();
        var x = new Matrix(2, 3, [1, 2, 3, 4, 5, 6.5]);
        new NpzWriter().Add("X", x).Add("y", [0.5, -1]).Add("steps", [1L, 10, 100]).Add("grid", [1L, 2, 3, 4], 2, 2)
            .Save(tmp.Path("a.npz"), compress);
        var arrays = NpzReader.Read(tmp.Path("a.npz"));
        Assert.Equal(["X", "grid", "steps", "y"], arrays.Keys.Order());
        Assert.Equal([2, 3], arrays["X"].Shape);
        Assert.Equal(x.Data, arrays["X"].Data);
        Assert.Equal([0.5, -1], arrays["y"].Data);
        Assert.Equal([1.0, 10, 100], arrays["steps"].Data);
        Assert.Equal([2, 2], arrays["grid"].Shape);
        using var zip = ZipFile.OpenRead(tmp.Path("a.npz"));
        Assert.Equal(["X.npy", "y.npy", "steps.npy", "grid.npy"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(method, CompressionMethodOf(tmp.Path("a.npz"), e)));
        Assert.Equal(["a.npz"], Directory.GetFiles(tmp.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void SameArraysGiveTheSameBytes()
    {
        using var tmp = new TempFolder();
        new NpzWriter().Add("a", [1.0, 2]).Save(tmp.Path("1.npz"), compress: true);
        new NpzWriter().Add("a", [1.0, 2]).Save(tmp.Path("2.npz"), compress: true);
        Assert.Equal(File.ReadAllBytes(tmp.Path("1.npz")), File.ReadAllBytes(tmp.Path("2.npz")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("x y")]
    public void BadNamesAreRefused(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new NpzWriter().Add(name, [1.0]));

    [Fact]
    public void DuplicateNamesAreRefused() =>
        Assert.Throws<ArgumentException>(() => new NpzWriter().Add("X", [1.0]).Add("X", [2.0]));

    [Fact]
    public void ReadsNumpySavezAndSavezCompressed()
    {
        var plain = NpzReader.Read(FixtureFiles.Path("problem.npz"));
        Assert.Equal(["X", "X_test", "beta_star", "y", "y_test"], plain.Keys.Order(StringComparer.Ordinal));
        var compressed = NpzReader.Read(FixtureFiles.Path("problem_compressed.npz"));
        Assert.Equal(plain["X"].Data, compressed["X"].Data);
        Assert.Equal([4, 1], compressed["y"].Shape);
        Assert.Equal([0.0, 1, 2], compressed["extra"].Data);
    }

    [Fact]
    public void NotAZipIsRefused()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("bad.npz", "not a zip");
        var e = Assert.Throws<InvalidInputException>(() => NpzReader.Read(path, "data"));
        Assert.Equal("data", e.Field);
        Assert.Contains("not a valid .npz (zip) file", e.Message);
    }

    private const int ZipMethodStored = 0, ZipMethodDeflate = 8;

    // The method field of an entry's local header: offset 8 of the record at the entry's start.
    private static int CompressionMethodOf(string zipPath, ZipArchiveEntry entry)
    {
        var bytes = File.ReadAllBytes(zipPath);
        string name = entry.FullName;
        for (int i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] != 0x50 || bytes[i + 1] != 0x4b || bytes[i + 2] != 3 || bytes[i + 3] != 4) continue;
            int nameLength = BitConverter.ToUInt16(bytes, i + 26);
            if (System.Text.Encoding.ASCII.GetString(bytes, i + 30, nameLength) == name) return BitConverter.ToUInt16(bytes, i + 8);
        }
        throw new InvalidOperationException($"no local header for {name}");
    }
}
