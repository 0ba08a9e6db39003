using Microsoft.Data.Sqlite;

namespace DlnLab.Cli;

/// <summary>
/// Turns a failure of SQLite under a command (a full disk, a read-only folder, a file it cannot open) into an
/// <see cref="IOException"/> naming the store's file and SQLite's reason, which the CLI prints as one line (exit 1).
/// </summary>
internal static class StoreFaults
{
    public static T Guard<T>(string storePath, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException e)
        {
            throw new IOException($"cannot use the store '{Path.GetFullPath(storePath)}': {e.Message}", e);
        }
    }
}
