using System.Text;
using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class NpyReaderTests
{
    // The values make_fixtures.py saved, in C order.
    private static readonly double[] Base = [1.5, -2.25, 3.0, 4.0, 0.125, -6.5];
    private static readonly double[] Ints = [1, -2, 3, 4, 0, -6];

    [Theory]
    [InlineData("f8_c.npy")]
    [InlineData("f8_f.npy")]
    [InlineData("f4_c.npy")]
    [InlineData("f4_f.npy")]
    [InlineData("f2.npy")]
    [InlineData("f8_be.npy")]
    [InlineData("f8_v1.npy")]
    [InlineData("f8_v2.npy")]
    [InlineData("f8_v3.npy")]
    public void FloatFixturesReadAsTheMatrixNumpySaved(string file)
    {
        var a = NpyReader.Read(FixtureFiles.Path(file));
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal(Base, a.Data);
    }

    [Theory]
    [InlineData("i8_c.npy")]
    [InlineData("i8_f.npy")]
    [InlineData("i4.npy")]
    [InlineData("i2.npy")]
    [InlineData("i1.npy")]
    public void IntegerFixturesReadAsNumbers(string file)
    {
        var a = NpyReader.Read(FixtureFiles.Path(file));
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal(Ints, a.Data);
    }

    [Theory]
    [InlineData("u1.npy")]
    [InlineData("u8.npy")]
    public void UnsignedFixturesReadAsNumbers(string file) =>
        Assert.Equal(Ints.Select(Math.Abs), NpyReader.Read(FixtureFiles.Path(file)).Data);

    [Fact]
    public void BoolReadsAsZeroOrOne() =>
        Assert.Equal([1.0, 1, 1, 1, 0, 1], NpyReader.Read(FixtureFiles.Path("b1.npy")).Data);

    [Fact]
    public void OneDimensionalKeepsEveryBit()
    {
        var a = NpyReader.Read(FixtureFiles.Path("vec_f8.npy"));
        Assert.Equal([4], a.Shape);
        Assert.Equal([0.1, -1e300, double.Epsilon, 9007199254740992.0], a.Data);
    }

    [Fact]
    public void ZeroDimensionalIsOneNumberWithEmptyShape()
    {
        var a = NpyReader.Read(FixtureFiles.Path("scalar_f8.npy"));
        Assert.Empty(a.Shape);
        Assert.Equal("()", a.ShapeText);
        Assert.Equal([2.5], a.Data);
    }

    [Fact]
    public void EmptyArrayReads()
    {
        var a = NpyReader.Read(FixtureFiles.Path("empty_f8.npy"));
        Assert.Equal([0], a.Shape);
        Assert.Empty(a.Data);
    }

    [Theory]
    [InlineData("c16.npy", "dtype '<c16' is not supported")]
    [InlineData("rank3.npy", "shape (2, 2, 2)")]
    public void UnsupportedContentNamesWhatWasFound(string file, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(FixtureFiles.Path(file), "X"));
        Assert.Equal("X", e.Field);
        Assert.Contains(expected, e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(tmp.Path("nope.npy"), "y"));
        Assert.Equal("y", e.Field);
        Assert.Contains("nope.npy' does not exist", e.Message);
    }

    [Fact]
    public void FolderGivenAsFileIsRefused()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(tmp.Root, "X"));
        Assert.Contains("is a folder, not a file", e.Message);
    }

    [Fact]
    public void WrongMagicIsRefused()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("text.npy", "1,2,3\n");
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(path, "X"));
        Assert.Contains("not a valid .npy file", e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), ", "not closed")]
    [InlineData("{'descr': '<f8', 'shape': (2, 3), }", "no 'fortran_order'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", "expected an integer")]
    [InlineData("{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }", "unexpected character")]
    public void BadHeadersAreRefusedWithTheReason(string header, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(new MemoryStream(NpyBytes(header, new byte[48])), "mem.npy", "X"));
        Assert.Equal("X", e.Field);
        Assert.Contains("'mem.npy' is not a valid .npy file", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", "structured arrays (a list as 'descr') are not supported")]
    [InlineData("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", "dtype '<U3' is not supported; need float16/32/64")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "dtype '|O' is not supported")]
    public void WellFormedButUnsupportedDtypesSaySo(string header, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(new MemoryStream(NpyBytes(header, new byte[48])), "mem.npy", "X"));
        Assert.Equal($"X: 'mem.npy': {reason}", e.Message[..(e.Message.IndexOf(reason) + reason.Length)]);
    }

    [Fact]
    public void TruncatedDataSaysHowManyEntriesArrived()
    {
        var bytes = NpyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", new byte[8 * 5 + 3]);
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(new MemoryStream(bytes), "short.npy"));
        Assert.Contains("ends after 5 of the 6 entries", e.Message);
    }

    [Fact]
    public void UnknownVersionIsRefused()
    {
        var bytes = NpyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        bytes[6] = 4;
        var e = Assert.Throws<InvalidInputException>(() => NpyReader.Read(new MemoryStream(bytes), "v4.npy"));
        Assert.Contains("version 4.0 is not supported", e.Message);
    }

    private static byte[] NpyBytes(string header, byte[] data)
    {
        var h = Encoding.ASCII.GetBytes(header + "\n");
        var bytes = new byte[10 + h.Length + data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }.CopyTo(bytes, 0);
        bytes[6] = 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), (ushort)h.Length);
        h.CopyTo(bytes, 10);
        data.CopyTo(bytes, 10 + h.Length);
        return bytes;
    }
}
