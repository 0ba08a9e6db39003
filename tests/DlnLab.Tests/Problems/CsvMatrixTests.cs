using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class CsvMatrixTests
{
    private static DenseArray Parse(string text) => CsvMatrix.Parse(new StringReader(text), "m.csv", "X");

    private static InvalidInputException Fails(string text) =>
        Assert.Throws<InvalidInputException>(() => Parse(text));

    [Fact]
    public void CommaSeparatedWithHeaderCommentsAndBlankLines()
    {
        var a = Parse("# made by hand\nx1, x2 ,x3\n\n1,2.5,-3e-2\n  # indented comment\n4,5,6\n\n");
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1, 2.5, -0.03, 4, 5, 6], a.Data);
    }

    [Fact]
    public void WhitespaceSeparatedAsNumpySavetxtWritesIt()
    {
        var a = Parse("1.000000000000000000e+00 -2.5e+00\n3\t4\r\n");
        Assert.Equal([2, 2], a.Shape);
        Assert.Equal([1, -2.5, 3, 4], a.Data);
    }

    [Fact]
    public void SingleColumnAndQuotedCellsAndHeaderlessFirstLine()
    {
        var a = Parse("\"1.5\"\n2\n3\n");
        Assert.Equal([3, 1], a.Shape);
        Assert.Equal([1.5, 2, 3], a.Data);
    }

    [Fact]
    public void OnlyTheFirstLineMayBeAHeader()
    {
        var e = Fails("a,b\n1,2\nc,d\n");
        Assert.Equal("X", e.Field);
        Assert.Contains("'m.csv' line 3, column 1: got 'c'; must be a number", e.Message);
    }

    [Fact]
    public void RaggedRowNamesBothLines()
    {
        var e = Fails("1,2,3\n4,5,6\n7,8\n");
        Assert.Contains("'m.csv' line 3 has 2 fields but line 1 has 3", e.Message);
    }

    [Fact]
    public void NonNumericCellNamesLineAndColumn()
    {
        var e = Fails("h1,h2\n1,2\n3,4o\n");
        Assert.Contains("line 3, column 2: got '4o'", e.Message);
    }

    [Fact]
    public void CommaDecimalIsNotAccepted() =>
        Assert.Contains("got '1;5'", Fails("2\n1;5\n").Message);

    [Fact]
    public void EmptyCellIsNamed() =>
        Assert.Contains("line 1, column 3: the cell is empty", Fails("1,2,\n").Message);

    [Theory]
    [InlineData("1,nan\n", "'nan'")]
    [InlineData("1,NaN\n", "'NaN'")]
    [InlineData("1,-inf\n", "'-inf'")]
    [InlineData("1,Infinity\n", "'Infinity'")]
    [InlineData("1,1e400\n", "'1e400'")]
    public void NonFiniteValuesAreRefused(string text, string cell)
    {
        var e = Fails(text);
        Assert.Contains($"line 1, column 2: got {cell}; NaN and infinite values are not allowed", e.Message);
    }

    [Fact]
    public void NanInTheFirstLineIsNotTakenForAHeader() =>
        Assert.Contains("NaN and infinite", Fails("nan,nan\n1,2\n").Message);

    [Theory]
    [InlineData("")]
    [InlineData("\n\n# only a comment\n")]
    [InlineData("x1,x2\n")]
    public void EmptyInputIsRefused(string text) =>
        Assert.Contains("holds no numbers", Fails(text).Message);

    [Fact]
    public void ReadsFilesAndReportsMissingOrFolder()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("a.csv", "\uFEFFx,y\n1,2\n");
        Assert.Equal([1.0, 2], CsvMatrix.Read(path).Data);
        var missing = Assert.Throws<InvalidInputException>(() => CsvMatrix.Read(tmp.Path("b.csv"), "y"));
        Assert.Equal("y", missing.Field);
        Assert.Contains("b.csv' does not exist", missing.Message);
        Assert.Contains("is a folder", Assert.Throws<InvalidInputException>(() => CsvMatrix.Read(tmp.Root)).Message);
    }
}
