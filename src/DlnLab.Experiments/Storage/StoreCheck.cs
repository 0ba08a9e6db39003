using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// Confirms through a read-only SQLite connection what <see cref="StoreFile"/> read in the header: the schema version
/// and that the store has every table and every run column this version uses. Writes nothing: a file that might not
/// be ours is opened immutable (SQLite then creates no -wal or -shm file beside it).
/// </summary>
internal static class StoreCheck
{
    public static void Verify(string path, StoreFileKind kind)
    {
        bool candidate = kind == StoreFileKind.VersionOneCandidate;
        using var connection = ConnectReadOnly(path);
        try
        {
            long version = Scalar(connection, "PRAGMA user_version;");
            if (version > ResultStore.SchemaVersion)
                throw StoreFile.Refused(path, $"is a DlnLab store of schema version {version}, written by a newer DlnLab; this one reads versions up to {ResultStore.SchemaVersion}");
            var tables = Names(connection, "SELECT name FROM sqlite_schema WHERE type = 'table'");
            var columns = RunColumnNames(connection);
            bool hasTables = StoreSchema.VersionOneTables.All(tables.Contains);
            if (candidate && (version != 1 || !hasTables))
                throw StoreFile.Refused(path, "is a SQLite database of another program, not a DlnLab store; give a new file name");
            if (!hasTables) throw StoreFile.Refused(path, "is a damaged DlnLab store: it lacks some of its tables");
            var missing = RunColumns.All.Where(c => !columns.Contains(c.Name) && c.Earlier is null).Select(c => c.Name).ToList();
            if (missing.Count > 0)
                throw StoreFile.Refused(path, $"is a DlnLab store without the run columns {string.Join(", ", missing)} (written by an older DlnLab); export it with that version, or give a new file name");
        }
        catch (SqliteException e)
        {
            throw StoreErrors.Translate(path, e);
        }
    }

    /// <summary>
    /// A read-only connection that leaves no file behind: while no process has the store open in WAL mode (no -wal
    /// file), it is read as immutable, since a plain read-only connection to a WAL database would create -wal and -shm
    /// files that it cannot remove.
    /// </summary>
    public static SqliteConnection ConnectReadOnly(string path) =>
        ResultStore.Connect(File.Exists(path + "-wal") ? path : ImmutableUri(path), SqliteOpenMode.ReadOnly);

    // A file: URI; the characters that URIs give a meaning to are escaped.
    private static string ImmutableUri(string path) =>
        "file:" + path.Replace("%", "%25").Replace("?", "%3f").Replace("#", "%23") + "?immutable=1";

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>The columns of the store's runs table.</summary>
    public static HashSet<string> RunColumnNames(SqliteConnection c) => Names(c, "SELECT name FROM pragma_table_info('runs')");

    private static HashSet<string> Names(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }
}
