using System.Diagnostics;
using DlnLab.Experiments.Storage;
using Microsoft.Data.Sqlite;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>
/// Anything at --store that is not a store this version reads is refused by `dln sweep` and `dln export` with one
/// line (exit 2), and left byte for byte as it was: no tables, no WAL switch, no -wal or -shm beside it.
/// </summary>
public class StoreRefusalTests
{
    private static readonly string[] Sweep = ["sweep", "--n", "10", "--d", "15", "--s", "2", "--stepsize", "0.02", "--max-steps", "200", "--threads", "1", "--quiet"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "sweep", "export" })
            foreach (var kind in new[] { "foreign-sqlite", "foreign-wal", "foreign-version-1", "empty", "newer-schema", "text", "random-bytes", "short-file", "truncated", "corrupt", "fifo", "folder" })
                data.Add(command, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ANonStoreIsRefusedUntouched(string command, string kind)
    {
        using var temp = new TempFolder();
        string path = temp.File("x.db");
        string expected = Make(kind, path);
        var before = FolderSnapshot.Take(temp.Path, "x.db");
        var run = command == "sweep"
            ? CliRunner.Run([.. Sweep, "--store", path])
            : CliRunner.Run("export", "--store", path, "--out", temp.File("out"));
        Assert.Equal(2, run.ExitCode);
        FolderSnapshot.AssertOneErrorLine(run);
        // sweep checks its output paths first, with the words every output path gets.
        if (command == "sweep" && kind == "fifo") expected = "is a FIFO (named pipe); only a regular file or a new path is written";
        Assert.StartsWith($"dln: error: --store: got {path}; {expected}", run.Err);
        Assert.Equal(before, FolderSnapshot.Take(temp.Path, "x.db"));
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("sweep", "--store")]
    [InlineData("export", "--store")]
    [InlineData("export", "--out")]
    public void AnEmptyPathIsRefused(string command, string flag)
    {
        using var temp = new TempFolder();
        ResultStore.Open(temp.File("r.db")).Dispose();
        var before = FolderSnapshot.Take(temp.Path);
        string store = flag == "--store" ? "" : temp.File("r.db");
        string outDir = flag == "--out" ? "" : temp.File("out");
        var run = command == "sweep" ? CliRunner.Run([.. Sweep, "--store", store]) : CliRunner.Run("export", "--store", store, "--out", outDir);
        Assert.Equal(2, run.ExitCode);
        FolderSnapshot.AssertOneErrorLine(run);
        Assert.StartsWith($"dln: error: {flag}: got nothing; needs a path", run.Err);
        Assert.Equal(before, FolderSnapshot.Take(temp.Path));
    }

    [Fact]
    public void AStoreLockedByAnotherProgramIsALineAfterABoundedWait()
    {
        if (!File.Exists("/usr/bin/python3")) return;
        using var temp = new TempFolder();
        string path = temp.File("r.db");
        ResultStore.Open(path).Dispose();
        var python = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(60)", path })
            python.ArgumentList.Add(a);
        using var holder = Process.Start(python)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var clock = Stopwatch.StartNew();
            var run = DlnProcess.Run([.. Sweep, "--store", path], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["DLN_STORE_LOCK_TIMEOUT_S"] = "1" });
            Assert.Equal(1, run.ExitCode);
            FolderSnapshot.AssertOneErrorLine(run);
            Assert.StartsWith($"dln: error: {path}: is locked by another program; gave up after waiting 1 s", run.Err);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    /// <summary>Puts a <paramref name="kind"/> of file at <paramref name="path"/>; returns the start of what the refusal must say.</summary>
    private static string Make(string kind, string path)
    {
        switch (kind)
        {
            case "foreign-sqlite":
                Sql(path, "CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('ada')");
                return "is a SQLite database of another program";
            case "foreign-wal":
                Sql(path, "PRAGMA journal_mode = WAL", "CREATE TABLE runs (key TEXT)", "INSERT INTO runs VALUES ('x')");
                return "is a SQLite database of another program";
            case "foreign-version-1":
                Sql(path, "PRAGMA journal_mode = WAL", "CREATE TABLE runs (key TEXT)", "PRAGMA user_version = 1");
                return "is a SQLite database of another program";
            case "empty":
                File.WriteAllBytes(path, []);
                return "is an empty file, not a DlnLab store";
            case "newer-schema":
                ResultStore.Open(path).Dispose();
                Sql(path, "PRAGMA user_version = 99");
                return "is a DlnLab store of schema version 99, written by a newer DlnLab";
            case "text":
                File.WriteAllText(path, "n,d\n10,15\n");
                return "is a text file, not a DlnLab store";
            case "random-bytes":
                var bytes = new byte[4096];
                new Random(12).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                return "is not a SQLite database, not a DlnLab store";
            case "short-file":
                File.WriteAllBytes(path, "SQLite format 3\0"u8.ToArray());
                return "is a truncated SQLite file (16 bytes)";
            case "truncated":
                ResultStore.Open(path).Dispose();
                using (var f = new FileStream(path, FileMode.Open)) f.SetLength(f.Length / 2);
                return "is a damaged DlnLab store";
            case "corrupt":
                ResultStore.Open(path).Dispose();
                using (var f = new FileStream(path, FileMode.Open))
                {
                    var garbage = new byte[3000];
                    new Random(3).NextBytes(garbage);
                    f.Position = 100;
                    f.Write(garbage);
                }
                return "is a damaged or foreign database, not a usable DlnLab store";
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", [path])) mkfifo.WaitForExit();
                return "is not a regular file";
            default:
                Directory.CreateDirectory(path);
                return "is a folder";
        }
    }

    /// <summary>Runs SQL statements on the SQLite file at <paramref name="path"/> (creating it), as another program would.</summary>
    internal static void Sql(string path, params string[] statements)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        foreach (var sql in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
