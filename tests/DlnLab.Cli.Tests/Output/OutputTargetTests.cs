using DlnLab.Cli.Output;

namespace DlnLab.Cli.Tests.Output;

/// <summary>Where --trajectory may write: standard output, a new path, a regular file (replaced), a link to one (followed).</summary>
public class OutputTargetTests
{
    private static readonly string[] Train = ["train", "--max-steps", "100", "--json"];

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdout")]
    public void Standard_output_gets_the_csv_after_the_result(string target)
    {
        var r = CliRunner.Run([.. Train, "--trajectory", target]);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("{", lines[0]);
        Assert.Equal(TrajectoryCsv.Header, lines[1]);
        Assert.True(lines.Length > 3);
    }

    [Fact]
    public void A_regular_file_is_replaced_and_a_link_to_it_stays_a_link()
    {
        using var folder = new TempFolder();
        string file = folder.File("t.csv"), link = folder.File("link.csv");
        File.WriteAllText(file, "old");
        File.CreateSymbolicLink(link, file);

        Assert.Equal(0, CliRunner.Run([.. Train, "--trajectory", link]).ExitCode);

        Assert.Equal(file, new FileInfo(link).LinkTarget);
        Assert.StartsWith(TrajectoryCsv.Header, File.ReadAllText(file));
        Assert.Equal(["link.csv", "t.csv"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
