using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    /// <summary>
    /// Foreign, empty, damaged and newer-schema stores given to sweep and export (refused untouched): the cases of
    /// store recognition go here. Each kind is tried at --store of both commands.
    /// </summary>
    private static IEnumerable<BadInputCase> Stores()
    {
        foreach (var (kind, make) in StoreKinds)
        {
            yield return new(Sweep("--n", "5", "--d", "6", "--s", "2", "--n-test", "10", "--max-steps", "20", "--datasets", "1", "--stepsize", "0.01"), "--store",
                Setup: f => make(f), Label: $"sweep --store {kind}");
            yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--store", Setup: f => make(f), Label: $"export --store {kind}");
        }
    }

    /// <summary>What can sit at s.db (and beside it) that is not a store this version reads.</summary>
    private static (string Kind, Action<Fixture> Make)[] StoreKinds =>
    [
        ("a SQLite database of another program", f => Sql(f.P("s.db"), "CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('ada')")),
        ("a foreign SQLite database in WAL mode with a runs table", f => Sql(f.P("s.db"), "PRAGMA journal_mode = WAL", "CREATE TABLE runs (key TEXT)", "INSERT INTO runs VALUES ('x')")),
        ("a SQLite database with no tables", f => Sql(f.P("s.db"), "PRAGMA user_version = 0", "VACUUM")),
        ("a SQLite database of another application id", f => Sql(f.P("s.db"), "PRAGMA application_id = 12345", "CREATE TABLE runs (key TEXT)")),
        ("an empty file", f => f.Bytes("s.db", [])),
        ("a text file", f => f.Text("s.db", "hello world\n")),
        ("random bytes", f => f.Bytes("s.db", RandomBytes(8192, 5))),
        ("a gzip file", f => f.Bytes("s.db", [0x1f, 0x8b, 8, 0, .. new byte[100]])),
        ("a zip file", f => f.Npz("s.db", ("a", Fixture.NpyBytes("(1,)", 1)))),
        ("the SQLite header alone", f => f.Bytes("s.db", "SQLite format 3\0"u8.ToArray())),
        ("a store truncated to 1000 bytes", f => { Store(f); Truncate(f.P("s.db"), _ => 1000); }),
        ("a store truncated to half", f => { Store(f); Truncate(f.P("s.db"), n => n / 2); }),
        ("a store with damaged pages", f => { Store(f); Overwrite(f.P("s.db"), 100, RandomBytes(3000, 7)); }),
        ("a store of a newer schema", f => { Store(f); Sql(f.P("s.db"), "PRAGMA user_version = 999"); }),
        ("a store of a negative schema version", f => { Store(f); Sql(f.P("s.db"), "PRAGMA user_version = -1"); }),
        ("a store whose application id was changed", f => { Store(f); Sql(f.P("s.db"), "PRAGMA application_id = 12345"); }),
        ("a symbolic link to a FIFO", f => f.Fifo("pipe").Symlink("s.db", f.P("pipe"))),
        ("a symbolic link to a folder", f => f.Folder_("sub").Symlink("s.db", f.P("sub"))),
        ("a symbolic link to /proc/self/status", f => f.Symlink("s.db", "/proc/self/status")),
        ("a symbolic link to a null device", f => f.NullDevice("null").Symlink("s.db", f.P("null"))),
        ("a chain of links ending nowhere", f => f.Symlink("a", f.P("b")).Symlink("s.db", f.P("a"))),
        ("an empty file beside a FIFO journal", f => f.Bytes("s.db", []).Fifo("s.db-journal")),
    ];

    /// <summary>A valid store with one small sweep in it (written through the library, not the command).</summary>
    private static void Store(Fixture f) => ResultStore.Open(f.P("s.db")).Dispose();

    private static void Sql(string path, params string[] statements) => Commands.StoreRefusalTests.Sql(path, statements);

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void Truncate(string path, Func<long, long> length)
    {
        using var s = new FileStream(path, FileMode.Open);
        s.SetLength(length(s.Length));
    }

    private static void Overwrite(string path, long at, byte[] bytes)
    {
        using var s = new FileStream(path, FileMode.Open);
        s.Position = at;
        s.Write(bytes);
    }
}
