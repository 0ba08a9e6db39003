using System.Diagnostics;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>
/// `dln export` neither runs formulas in a spreadsheet nor destroys the store or anything else it did not write, and
/// replaces an export folder whole.
/// </summary>
public class ExportSafetyTests
{
    private static string Sweep(TempFolder temp, string name = "tiny")
    {
        File.WriteAllText(temp.File("spec.toml"), SweepCommandTests.TinySpec.Replace("name = \"tiny\"", $"name = '{name}'"));
        Assert.Equal(0, CliRunner.Run("sweep", temp.File("spec.toml"), "--store", temp.File("r.db"), "--quiet").ExitCode);
        return temp.File("r.db");
    }

    [Fact]
    public void FormulaLikeTextIsEscapedAndNumbersAreNot()
    {
        using var temp = new TempFolder();
        string formula = "=HYPERLINK(\"http://example.com\",\"x\")";
        string store = Sweep(temp, formula);
        Assert.Equal(0, CliRunner.Run("export", "--store", store, "--out", temp.File("out")).ExitCode);
        var lines = File.ReadAllLines(temp.File("out/runs.csv"));
        var header = lines[0].Split(',');
        Assert.All(lines.Skip(1), line => Assert.Contains(",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",", line));
        // The fields after the escaped name are where the header puts them.
        var fields = lines[1].Replace("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\"", "NAME").Split(',');
        Assert.Equal(header.Length, fields.Length);
        Assert.Equal("NAME", fields[Array.IndexOf(header, "sweep")]);
        Assert.Equal("10", fields[Array.IndexOf(header, "n")]);
    }

    [Theory]
    [InlineData("folder of the store", "is or holds the store")]
    [InlineData("the store itself", "is a regular file; give a folder")]
    [InlineData("folder with other files", "holds files that are not an export's (notes.txt)")]
    public void AnExportThatWouldDestroySomethingIsRefusedUntouched(string target, string expected)
    {
        using var temp = new TempFolder();
        string store = Sweep(temp);
        Directory.CreateDirectory(temp.File("mine"));
        File.WriteAllText(temp.File("mine/notes.txt"), "keep me");
        string outDir = target switch { "folder of the store" => temp.Path, "the store itself" => store, _ => temp.File("mine") };
        var before = FolderSnapshot.Take(temp.Path);
        var run = CliRunner.Run("export", "--store", store, "--out", outDir);
        Assert.Equal(2, run.ExitCode);
        FolderSnapshot.AssertOneErrorLine(run);
        Assert.StartsWith($"dln: error: --out: got {outDir}; {expected}", run.Err);
        Assert.Equal(before, FolderSnapshot.Take(temp.Path));
    }

    [Fact]
    public void AnExportReplacesAPreviousOneWholeAndRemovesStaleTemporaryFolders()
    {
        using var temp = new TempFolder();
        string store = Sweep(temp);
        string outDir = temp.File("out");
        Assert.Equal(0, CliRunner.Run("export", "--store", store, "--out", outDir, "--sweep", "tiny").ExitCode);
        File.WriteAllText(Path.Combine(outDir, "runs.csv"), "stale");
        // What a killed export leaves: its temporary folder, named after a process that is gone.
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        string stale = temp.File($".out.export-{gone.Id}-0123.tmp");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "runs.csv"), "half");

        var run = CliRunner.Run("export", "--store", store, "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(9, File.ReadAllLines(Path.Combine(outDir, "runs.csv")).Length);
        Assert.False(Directory.Exists(stale));
        Assert.Equal(["out", "r.db", "spec.toml"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
        Assert.Equal(["beta.npy", "gain.npy", "runs.csv", "runs.npz", "thresholds.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AKilledExportLeavesTheWholeOldExportAndTheNextOneCleansUp()
    {
        using var temp = new TempFolder();
        string store = Sweep(temp);
        string outDir = temp.File("out");
        Assert.Equal(0, CliRunner.Run("export", "--store", store, "--out", outDir).ExitCode);
        // A second sweep in the store: a new export has 16 runs where the old one has 8.
        File.WriteAllText(temp.File("again.toml"), SweepCommandTests.TinySpec.Replace("name = \"tiny\"", "name = \"again\""));
        Assert.Equal(0, CliRunner.Run("sweep", temp.File("again.toml"), "--store", store, "--quiet").ExitCode);
        var random = new Random(7);
        for (int kill = 0; kill < 5; kill++)
        {
            using var child = DlnProcess.Start(["export", "--store", store, "--out", outDir]);
            Thread.Sleep(random.Next(0, 1200));
            if (!child.HasExited) child.Kill();
            child.WaitForExit();
            int rows = File.ReadAllLines(Path.Combine(outDir, "runs.csv")).Length - 1;
            Assert.Contains(rows, new[] { 8, 16 });
            long npyBytes = new FileInfo(Path.Combine(outDir, "gain.npy")).Length;
            Assert.Equal(128 + rows * 15 * 8, npyBytes); // the same export's gain.npy, not the other one's
            Assert.Equal(StoreExporterNames, Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        }
        Assert.Equal(0, CliRunner.Run("export", "--store", store, "--out", outDir).ExitCode);
        Assert.Equal(17, File.ReadAllLines(Path.Combine(outDir, "runs.csv")).Length);
        Assert.Equal(["again.toml", "out", "r.db", "spec.toml"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    private static readonly string[] StoreExporterNames = ["beta.npy", "gain.npy", "runs.csv", "runs.npz", "thresholds.csv"];
}
