using System.Diagnostics;
using Xunit.Abstractions;

namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// Bad inputs that need a process of their own (an environment variable: the memory limit) or a file system of their
/// own (a full disk, a read-only folder: small tmpfs mounts, where mount is allowed). Same checks as
/// <see cref="BadInputSuite"/>: exit code, one line, nothing in the folder changed.
/// </summary>
public class ProcessBadInputTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SmallMemory = new() { [MemoryLimit.EnvironmentVariable] = "16M" };

    public static TheoryData<string> MemoryCases => new(Memory.Keys);

    // Out-of-memory cases under a 16 MB limit: refused at once, before allocating the data (exit 2, not a kill).
    private static readonly Dictionary<string, (string[] Args, string MustContain, Action<Fixture>? Setup)> Memory = new()
    {
        ["train n x d above the limit"] = (["train", "--n", "300", "--d", "1000", "--trajectory", "{dir}/t.csv"], "DLN_MEMORY_LIMIT", null),
        ["train n-test x d above the limit"] = (["train", "--n-test", "100000", "--d", "100"], "--n-test", null),
        ["sweep dataset above the limit"] = (["sweep", "--store", "{dir}/s.db", "--n", "300", "--d", "1000"], "DLN_MEMORY_LIMIT", null),
        ["sweep plan above the limit"] = (["sweep", "--store", "{dir}/s.db", "--datasets", "1000", "--repeats", "1000"], "DLN_MEMORY_LIMIT", null),
        ["npy above the limit"] = (["train", "--data", "X={dir}/X.npy,y={dir}/y.npy"], "X", f => f.Npy("X.npy", "(400, 1000)", 400_000).Npy("y.npy", "(400,)", 400)),
        ["export of many datasets above the limit"] = (["export", "--store", "{dir}/s.db", "--out", "{dir}/out"], "DLN_MEMORY_LIMIT", ManyDatasets),
        ["csv above the limit"] = (["train", "--data", "X={dir}/X.csv,y={dir}/y.csv"], "X", f => f.Text("X.csv", string.Concat(Enumerable.Repeat("1,2,3,4,5,6,7,8\n", 200_000))).Text("y.csv", "1\n")),
    };

    [Theory]
    [MemberData(nameof(MemoryCases))]
    public void Out_of_memory_input_is_refused_without_allocating(string name)
    {
        var (args, mustContain, setup) = Memory[name];
        var c = new BadInputCase(args, mustContain, Setup: setup, Label: name);
        RunInFolder(c, SmallMemory);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5G")]
    [InlineData("0")]
    public void A_bad_memory_limit_is_refused_naming_the_variable(string value)
    {
        var c = new BadInputCase(["train", "--max-steps", "10"], MemoryLimit.EnvironmentVariable, Label: "limit " + value);
        RunInFolder(c, new Dictionary<string, string> { [MemoryLimit.EnvironmentVariable] = value });
    }

    [Fact]
    public void A_full_disk_is_a_fault_naming_the_file_and_the_reason()
    {
        using var folder = new TempFolder();
        string disk = Path.Combine(folder.Path, "disk");
        if (!Mount(disk, "size=64k")) return;
        try
        {
            Fill(disk);
            var c = new BadInputCase(["train", "--max-steps", "50", "--trajectory", "{dir}/disk/t.csv"], "No space left on device", ExitCode: 1, Label: "full disk");
            RunCase(c, folder.Path, null);
            var r = new BadInputCase(["reproduce", "fig1", "--out", "{dir}/disk/o", "--datasets", "1", "--max-steps", "100"], "disk/o", ExitCode: 1, Label: "full disk, reproduce");
            RunCase(r, folder.Path, null);
            // A store that cannot be created leaves nothing behind, not even the folders made for it.
            var s = new BadInputCase(["sweep", "--quiet", "--store", "{dir}/disk/a/b/s.db", "--n", "5", "--d", "6", "--s", "2", "--max-steps", "20", "--datasets", "1", "--stepsize", "0.01"],
                "disk/a/b/s.db", ExitCode: 1, Label: "full disk, sweep into new folders");
            RunCase(s, folder.Path, null);
        }
        finally { Unmount(disk); }
    }

    [Fact]
    public void A_read_only_folder_is_a_fault_naming_the_file_and_the_reason()
    {
        using var folder = new TempFolder();
        string readOnly = Path.Combine(folder.Path, "ro");
        if (!Mount(readOnly, "size=64k,ro")) return;
        try
        {
            var c = new BadInputCase(["train", "--max-steps", "50", "--trajectory", "{dir}/ro/t.csv"], "ro/t.csv", ExitCode: 1, Label: "read-only folder");
            RunCase(c, folder.Path, null);
            var e = new BadInputCase(["sweep", "--store", "{dir}/ro/s.db", "--quiet"], "ro/s.db", ExitCode: 1, Label: "read-only store folder");
            RunCase(e, folder.Path, null);
        }
        finally { Unmount(readOnly); }
    }

    // 20 datasets of n = 100, d = 1000, each well under the limit, whose X together (16 MB) are not: trained one step each.
    private static void ManyDatasets(Fixture f)
    {
        var spec = DlnLab.Experiments.Sweeps.SweepSpecToml.Parse("""
            name = "many"
            [seeds]
            datasets = 20
            [problem]
            n = 100
            d = 1000
            n_test = 10
            [training]
            batch_size = "n"
            max_steps = 1
            [stepsize]
            values = [0.01]
            """, "many.toml");
        using var store = DlnLab.Experiments.Storage.ResultStore.Open(f.P("s.db"));
        DlnLab.Experiments.Sweeps.SweepRunner.Run(spec, store);
    }

    private void RunInFolder(BadInputCase c, IReadOnlyDictionary<string, string>? environment)
    {
        using var folder = new TempFolder();
        c.Setup?.Invoke(new Fixture(folder.Path));
        RunCase(c, folder.Path, environment);
    }

    private static void RunCase(BadInputCase c, string folder, IReadOnlyDictionary<string, string>? environment)
    {
        var before = FolderSnapshot.Of(folder);
        var r = DlnProcess.Run(folder, environment, TimeSpan.FromSeconds(60), c.ArgsIn(folder));
        BadInputSuite.AssertRefused(r.ExitCode, r.Out, r.Err, c);
        Assert.Equal(before, FolderSnapshot.Of(folder));
    }

    // A small tmpfs of its own; false (and a note in the test output) where mounting is not allowed.
    private bool Mount(string path, string options)
    {
        Directory.CreateDirectory(path);
        if (Tool("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) == 0) return true;
        output.WriteLine($"skipped: cannot mount a tmpfs at {path} here (needs root and permission to mount)");
        return false;
    }

    private static void Unmount(string path) => Tool("umount", path);

    private static void Fill(string disk)
    {
        try
        {
            using var f = File.OpenWrite(Path.Combine(disk, "filler"));
            var block = new byte[4096];
            while (true) f.Write(block);
        }
        catch (IOException) { }
    }

    private static int Tool(string tool, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }
}
