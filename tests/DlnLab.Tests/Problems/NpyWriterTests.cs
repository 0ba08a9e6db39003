using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class NpyWriterTests
{
    private static readonly double[] Specials = [0.0, -0.0, 1e-310, double.MaxValue, -double.Epsilon, Math.PI, 1.0 / 3];

    [Fact]
    public void VectorRoundTripsBitForBit()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("v.npy"), Specials);
        var a = NpyReader.Read(tmp.Path("v.npy"));
        Assert.Equal([Specials.Length], a.Shape);
        Assert.Equal(Specials.Select(BitConverter.DoubleToInt64Bits), a.Data.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void MatrixRoundTripsInRowMajorOrder()
    {
        using var tmp = new TempFolder();
        var m = new Matrix(3, 2, [1, 2, 3, 4, 5, 6]);
        NpyWriter.Write(tmp.Path("m.npy"), m);
        var a = NpyReader.Read(tmp.Path("m.npy"));
        Assert.Equal([3, 2], a.Shape);
        Assert.Equal(m.Data, a.Data);
        Assert.Equal(m.Data, a.ToMatrix().Data);
    }

    [Fact]
    public void Int64RoundTripsIn1DAnd2D()
    {
        using var tmp = new TempFolder();
        long[] values = [0, -1, 1L << 52, long.MinValue / 4096, 7, 8];
        NpyWriter.Write(tmp.Path("a.npy"), values);
        NpyWriter.Write(tmp.Path("b.npy"), values, 2, 3);
        Assert.Equal(values.Select(v => (double)v), NpyReader.Read(tmp.Path("a.npy")).Data);
        var b = NpyReader.Read(tmp.Path("b.npy"));
        Assert.Equal([2, 3], b.Shape);
        Assert.Equal(values.Select(v => (double)v), b.Data);
        Assert.Contains("'descr': '<i8'", HeaderOf(tmp.Path("b.npy")));
    }

    [Fact]
    public void HeaderIsWhatNumpyWritesAndDataIs64ByteAligned()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("v.npy"), [1.0, 2.0]);
        var bytes = File.ReadAllBytes(tmp.Path("v.npy"));
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(10 + headerLength + 16, bytes.Length);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", HeaderOf(tmp.Path("v.npy")));
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
        // numpy's own file of the same 2 x 3 matrix has the same header bytes and data.
        NpyWriter.Write(tmp.Path("m.npy"), [1.5, -2.25, 3.0, 4.0, 0.125, -6.5], 2, 3);
        Assert.Equal(File.ReadAllBytes(FixtureFiles.Path("f8_c.npy")), File.ReadAllBytes(tmp.Path("m.npy")));
    }

    [Fact]
    public void OverwritesAtomicallyAndLeavesNoTemporaryFiles()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("v.npy"), [1.0]);
        NpyWriter.Write(tmp.Path("v.npy"), [2.0, 3.0]);
        Assert.Equal([2.0, 3.0], NpyReader.Read(tmp.Path("v.npy")).Data);
        Assert.Equal(["v.npy"], Directory.GetFiles(tmp.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void ShapeThatDoesNotFitTheDataIsRefusedBeforeAnythingIsWritten()
    {
        using var tmp = new TempFolder();
        Assert.Throws<ArgumentException>(() => NpyWriter.Write(tmp.Path("bad.npy"), [1.0, 2.0, 3.0], 2, 2));
        Assert.Empty(Directory.GetFiles(tmp.Root));
    }

    [Fact]
    public void WriteToStreamHandlesZeroDimensional()
    {
        var s = new MemoryStream();
        NpyWriter.WriteTo(s, [4.5], []);
        s.Position = 0;
        var a = NpyReader.Read(s, "mem");
        Assert.Empty(a.Shape);
        Assert.Equal([4.5], a.Data);
    }

    private static string HeaderOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return System.Text.Encoding.ASCII.GetString(bytes, 10, BitConverter.ToUInt16(bytes, 8));
    }
}
