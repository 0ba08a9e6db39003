using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>SQLite's errors as one line naming the store: a damaged file is bad input (exit 2), the rest are faults (exit 1).</summary>
internal static class StoreErrors
{
    public static Exception Translate(string path, SqliteException e)
    {
        string reason = e.Message.ReplaceLineEndings(" ");
        if (e.SqliteExtendedErrorCode == 1032) // SQLITE_READONLY_DBMOVED: the file was unlinked or renamed under the connection
            return new StoreFaultException(path, "was deleted (or moved) while this process wrote to it; its results since then are lost", e);
        return (e.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => new StoreFaultException(path, string.Create(CultureInfo.InvariantCulture,
                $"is locked by another program; gave up after waiting {ResultStore.LockTimeout.TotalSeconds:0.#} s (let it finish, or set DLN_STORE_LOCK_TIMEOUT_S)"), e),
            11 or 26 => StoreFile.Refused(path, "is a damaged or foreign database, not a usable DlnLab store (" + reason + ")"),
            13 => new StoreFaultException(path, "cannot be written: the disk is full", e),
            _ => new StoreFaultException(path, reason, e),
        };
    }
}
