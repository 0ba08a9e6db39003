using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DlnLab.Cli.Tests.Commands;

public class ExportCommandTests
{
    [Fact]
    public void ASweepFromATomlFileExportsOneRowPerRunAndReadableNpyFiles()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), SweepCommandTests.TinySpec);
        Assert.Equal(0, CliRunner.Run("sweep", temp.File("spec.toml"), "--store", temp.File("r.db"), "--quiet").ExitCode);

        string dir = temp.File("out");
        var run = CliRunner.Run("export", "--store", temp.File("r.db"), "--sweep", "tiny", "--out", dir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("exported 8 runs of sweep 'tiny'", run.Out);
        foreach (var name in new[] { "runs.csv", "runs.npz", "gain.npy", "beta.npy", "thresholds.csv" })
            Assert.Contains(Path.Combine(dir, name), run.Out);

        var csv = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        Assert.Equal(1 + 8, csv.Length);
        Assert.StartsWith("key,sweep,", csv[0]);

        var (shape, dataOffset) = ReadNpyHeader(File.ReadAllBytes(Path.Combine(dir, "gain.npy")), out string descr);
        Assert.Equal("<f8", descr);
        Assert.Equal([8, 15], shape);
        Assert.Equal(dataOffset + 8 * 15 * 8, new FileInfo(Path.Combine(dir, "gain.npy")).Length);

        using var npz = ZipFile.OpenRead(Path.Combine(dir, "runs.npz"));
        Assert.Contains(npz.Entries, e => e.FullName == "beta.npy");
        using var entry = npz.GetEntry("status.npy")!.Open();
        using var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        var (statusShape, _) = ReadNpyHeader(bytes.ToArray(), out _);
        Assert.Equal([8], statusShape);
    }

    [Fact]
    public void AMissingStoreIsExitCode2AndIsNotCreated()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("export", "--store", temp.File("none.db"), "--out", temp.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error: --store: got " + temp.File("none.db") + "; does not exist", run.Err);
        Assert.False(File.Exists(temp.File("none.db")));
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void AnUnknownSweepNameListsTheStoredOnes()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), SweepCommandTests.TinySpec);
        Assert.Equal(0, CliRunner.Run("sweep", temp.File("spec.toml"), "--store", temp.File("r.db"), "--quiet").ExitCode);
        var run = CliRunner.Run("export", "--store", temp.File("r.db"), "--sweep", "tinny", "--out", temp.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sweep: got tinny; must be one of the sweeps in the store: tiny", run.Err);
    }

    /// <summary>The .npy format read by hand: magic, version, header length, then a Python dict literal.</summary>
    private static (int[] Shape, int DataOffset) ReadNpyHeader(byte[] file, out string descr)
    {
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'], file[..6]);
        int major = file[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(file, 8) : (int)BitConverter.ToUInt32(file, 8);
        int start = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(file, start, headerLength);
        Assert.Equal(0, (start + headerLength) % 64);
        Assert.Contains("'fortran_order': False", header);
        descr = Regex.Match(header, @"'descr': '([^']+)'").Groups[1].Value;
        var shape = Regex.Match(header, @"'shape': \(([^)]*)\)").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return (shape, start + headerLength);
    }
}
