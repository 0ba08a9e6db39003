using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Tests.Problems;

public class ProblemLoaderTests
{
    private static readonly Matrix X = new(3, 2, [1, 2, 3, 4, 5, 6]);
    private static readonly double[] Y = [1, 0, -1];

    [Fact]
    public void LoadsCsvAndNpyFilesByExtension()
    {
        using var tmp = new TempFolder();
        tmp.Write("X.csv", "x1,x2\n1,2\n3,4\n5,6\n");
        NpyWriter.Write(tmp.Path("y.npy"), Y, 1, 3); // a 1 x n row
        tmp.Write("beta.csv", "0.5\n-0.5\n");
        NpyWriter.Write(tmp.Path("Xt.npy"), new Matrix(1, 2, [7, 8]));
        tmp.Write("yt.csv", "2\n");
        var p = ProblemLoader.Load(new ProblemFiles
        {
            X = tmp.Path("X.csv"), Y = tmp.Path("y.npy"), BetaStar = tmp.Path("beta.csv"),
            XTest = tmp.Path("Xt.npy"), YTest = tmp.Path("yt.csv"),
        });
        Assert.Equal((3, 2), (p.N, p.D));
        Assert.Equal(X.Data, p.X.Data);
        Assert.Equal(Y, p.Y);
        Assert.Equal([0.5, -0.5], p.BetaStar!);
        Assert.Equal([7.0, 8], p.XTest!.Data);
        Assert.Equal([2.0], p.YTest!);
        Assert.False(p.IsIsotropicGaussian);
        Assert.Equal(0, p.NoiseStd);
    }

    [Fact]
    public void DirectoryWithColumnLabelsAndNoExtras()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("X.npy"), X);
        NpyWriter.Write(tmp.Path("y.npy"), Y, 3, 1); // an n x 1 column
        tmp.Write("notes.txt", "ignored");
        var p = ProblemLoader.LoadDirectory(tmp.Root);
        Assert.Equal(Y, p.Y);
        Assert.Null(p.BetaStar);
        Assert.Null(p.XTest);
    }

    [Fact]
    public void DirectoryWithOneNpzLoadsTheArchive()
    {
        using var tmp = new TempFolder();
        File.Copy(FixtureFiles.Path("problem.npz"), tmp.Path("data.npz"));
        var p = ProblemLoader.LoadDirectory(tmp.Root);
        Assert.Equal((4, 3), (p.N, p.D));
        Assert.NotNull(p.XTest);
    }

    [Fact]
    public void NumpyArchiveGivesTheProblemNumpySaved()
    {
        var p = ProblemLoader.LoadNpz(FixtureFiles.Path("problem.npz"));
        Assert.Equal([1.0, 0, -2], p.BetaStar!);
        var fitted = p.X.Multiply(p.BetaStar);
        for (int i = 0; i < p.N; i++) Assert.Equal(fitted[i], p.Y[i], 1e-12);
        var fittedTest = p.XTest!.Multiply(p.BetaStar);
        for (int i = 0; i < p.XTest.Rows; i++) Assert.Equal(fittedTest[i], p.YTest![i], 1e-12);
        var compressed = ProblemLoader.LoadNpz(FixtureFiles.Path("problem_compressed.npz"));
        Assert.Equal(p.X.Data, compressed.X.Data);
        Assert.Equal(p.Y, compressed.Y);
        Assert.Null(compressed.BetaStar);
    }

    [Fact]
    public void DataArgumentAcceptsFolderArchiveAndList()
    {
        using var tmp = new TempFolder();
        string folder = Directory.CreateDirectory(tmp.Path("lr=0.1")).FullName; // an '=' in a folder name is still a folder
        NpyWriter.Write(Path.Combine(folder, "X.npy"), X);
        File.WriteAllText(Path.Combine(folder, "y.csv"), "1\n0\n-1\n");
        new NpzWriter().Add("X", X).Add("y", Y).Add("beta_star", [1.0, 1]).Save(tmp.Path("p.npz"));
        NpyWriter.Write(tmp.Path("b.npy"), [2.0, 3]);

        var fromFolder = ProblemLoader.FromDataArgument(folder);
        var fromNpz = ProblemLoader.FromDataArgument(tmp.Path("p.npz"));
        var fromList = ProblemLoader.FromDataArgument($"X={Path.Combine(folder, "X.npy")}, y={Path.Combine(folder, "y.csv")},beta_star={tmp.Path("b.npy")}");
        foreach (var p in new[] { fromFolder, fromNpz, fromList })
        {
            Assert.Equal(X.Data, p.X.Data);
            Assert.Equal(Y, p.Y);
        }
        Assert.Null(fromFolder.BetaStar);
        Assert.Equal([1.0, 1], fromNpz.BetaStar!);
        Assert.Equal([2.0, 3], fromList.BetaStar!);
    }

    [Theory]
    [InlineData("", "data", "the value must be a folder, an .npz file")]
    [InlineData("nowhere", "data", "got nowhere; no folder or .npz file of that name exists")]
    [InlineData("X=a.npy", "data", "needs y=path")]
    [InlineData("X=a.npy,y=b.npy,w=c.npy", "data", "name one of X, y, beta_star, X_test, y_test")]
    [InlineData("X=a.npy,y=b.npy,x=c.npy", "data", "X is given twice")]
    [InlineData("X=,y=b.npy", "data", "needs a path after 'X='")]
    [InlineData("X=missing.npy,y=b.npy", "X", "missing.npy' does not exist")]
    [InlineData("missing.npz", "data", "missing.npz' does not exist")]
    public void BadDataArgumentsNameTheProblem(string value, string field, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.FromDataArgument(value));
        Assert.Equal(field, e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void SingleArrayFileAsDataIsRefused()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("X.npy"), X);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.FromDataArgument(tmp.Path("X.npy")));
        Assert.Contains("a single array file is not a whole problem", e.Message);
    }

    [Theory]
    [InlineData("X.txt", "must be a .csv or .npy file (chosen by the extension, here '.txt')")]
    [InlineData("X", "must be a .csv or .npy file (chosen by the extension, which is missing)")]
    [InlineData("X.npz", "an .npz archive holds several arrays")]
    public void UnknownExtensionsAreRefused(string name, string expected)
    {
        using var tmp = new TempFolder();
        tmp.Write(name, "1,2\n");
        NpyWriter.Write(tmp.Path("y.npy"), [1.0]);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.Load(new ProblemFiles { X = tmp.Path(name), Y = tmp.Path("y.npy") }));
        Assert.Equal("X", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void FolderGivenAsArrayFileIsRefused()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path("X.npy"));
        NpyWriter.Write(tmp.Path("y.npy"), Y);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.Load(new ProblemFiles { X = tmp.Path("X.npy"), Y = tmp.Path("y.npy") }));
        Assert.Equal("X", e.Field);
        Assert.Contains("is a folder, not a file", e.Message);
    }

    public static TheoryData<string, Action<TempFolder>, string> ShapeMismatches => new()
    {
        { "y", t => NpyWriter.Write(t.Path("y.npy"), [1.0, 2]), "shape (2,)" },
        { "y", t => NpyWriter.Write(t.Path("y.npy"), new double[6], 3, 2), "shape (3, 2)" },
        { "X", t => NpyWriter.Write(t.Path("X.npy"), [1.0, 2, 3]), "shape (3,); X must be 2-D" },
        { "beta_star", t => NpyWriter.Write(t.Path("beta_star.npy"), [1.0, 2, 3]), "shape (3,)" },
        { "X_test", t => { NpyWriter.Write(t.Path("X_test.npy"), new Matrix(2, 3)); NpyWriter.Write(t.Path("y_test.npy"), [1.0, 2]); }, "shape (2, 3)" },
        { "y_test", t => { NpyWriter.Write(t.Path("X_test.npy"), new Matrix(2, 2)); NpyWriter.Write(t.Path("y_test.npy"), [1.0]); }, "shape (1,)" },
        { "X_test", t => NpyWriter.Write(t.Path("X_test.npy"), new Matrix(2, 2)), "needs both X_test and y_test" },
    };

    [Theory]
    [MemberData(nameof(ShapeMismatches))]
    public void ShapeMismatchesNameBothShapes(string field, Action<TempFolder> spoil, string expected)
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("X.npy"), X);
        NpyWriter.Write(tmp.Path("y.npy"), Y);
        spoil(tmp);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal(field, e.Field);
        Assert.Contains(expected, e.Message);
        if (!expected.StartsWith("needs") && field != "X") Assert.Contains(field.StartsWith("y_test") ? "X_test of shape (2, 2)" : "X of shape (3, 2)", e.Message);
    }

    [Fact]
    public void TestSetNeedsBothHalves()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("X.npy"), X);
        NpyWriter.Write(tmp.Path("y.npy"), Y);
        var e = Assert.Throws<InvalidInputException>(() =>
            ProblemLoader.Load(new ProblemFiles { X = tmp.Path("X.npy"), Y = tmp.Path("y.npy"), YTest = tmp.Path("y.npy") }));
        Assert.Equal("y_test", e.Field);
        Assert.Contains("needs both X_test and y_test", e.Message);
    }

    [Fact]
    public void NonFiniteNpyValueIsLocated()
    {
        using var tmp = new TempFolder();
        File.Copy(FixtureFiles.Path("nan.npy"), tmp.Path("X.npy"));
        NpyWriter.Write(tmp.Path("y.npy"), [1.0, 2]);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal("X", e.Field);
        Assert.Contains("has NaN at index [0, 1]", e.Message);
    }

    [Fact]
    public void NonFiniteCsvValueIsLocatedByLine()
    {
        using var tmp = new TempFolder();
        NpyWriter.Write(tmp.Path("X.npy"), X);
        tmp.Write("y.csv", "y\n1\nnan\n3\n");
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal("y", e.Field);
        Assert.Contains("line 3, column 1: got 'nan'", e.Message);
    }

    [Fact]
    public void FolderErrors()
    {
        using var tmp = new TempFolder();
        Assert.Contains("no X.npy or X.csv", Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root)).Message);
        NpyWriter.Write(tmp.Path("X.npy"), X);
        var noY = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal("y", noY.Field);
        Assert.Contains("has no y.npy or y.csv", noY.Message);
        NpyWriter.Write(tmp.Path("y.npy"), Y);
        tmp.Write("y.csv", "1\n0\n-1\n");
        var both = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal("y", both.Field);
        Assert.Contains("y.csv and y.npy; keep only one", both.Message);
        Assert.Equal("data", Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Path("absent"))).Field);
    }

    [Fact]
    public void ArchiveWithoutXListsWhatItHolds()
    {
        using var tmp = new TempFolder();
        new NpzWriter().Add("features", X).Add("y", Y).Save(tmp.Path("p.npz"));
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadNpz(tmp.Path("p.npz")));
        Assert.Equal("X", e.Field);
        Assert.Contains("no array named X; it holds: features, y", e.Message);
    }

    [Fact]
    public void BadNpyHeaderInsideALoadNamesTheRole()
    {
        using var tmp = new TempFolder();
        tmp.Write("X.npy", "not numpy");
        NpyWriter.Write(tmp.Path("y.npy"), Y);
        var e = Assert.Throws<InvalidInputException>(() => ProblemLoader.LoadDirectory(tmp.Root));
        Assert.Equal("X", e.Field);
        Assert.Contains("is not a valid .npy file", e.Message);
    }
}
