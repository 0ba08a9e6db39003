using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// Creates a new store: a complete one (marker, schema version, tables) is built under a temporary name beside the
/// path and moved into place only if nothing is there yet, so no process ever sees a half-made store and two processes
/// creating one store at once end up sharing the one that arrived first. A temporary file left by a killed process
/// (".NAME.creating-PID-RANDOM") is removed by the next creation. A creation that fails (a full disk) leaves
/// nothing behind: neither the temporary file nor the folders it made for the store.
/// </summary>
internal static class StoreCreation
{
    private static readonly string[] SideFiles = ["", "-wal", "-shm", "-journal"];

    /// <summary>A store this process has just created: where it is and the folders made for it (deepest first).</summary>
    internal sealed record Created(string Path, StoreFileKind Kind, IReadOnlyList<string> Folders);

    public static Created Create(string path)
    {
        string folder = Path.GetDirectoryName(path) ?? ".";
        string prefix = $".{Path.GetFileName(path)}.creating-";
        string temp = Path.Combine(folder, $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        var folders = new List<string>();
        for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f)) folders.Add(f);
        bool moved = false;
        try
        {
            Directory.CreateDirectory(folder);
            ProcessLiveness.RemoveStale(folder, prefix); // left by a process killed while creating
            using (var connection = ResultStore.Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                using var tx = connection.BeginTransaction();
                foreach (var sql in (string[])[$"PRAGMA application_id = {StoreSchema.ApplicationId};", $"PRAGMA user_version = {ResultStore.SchemaVersion};", .. StoreSchema.Statements])
                {
                    using var cmd = connection.CreateCommand();
                    cmd.Transaction = tx;
                    cmd.CommandText = sql;
                    cmd.ExecuteNonQuery();
                }
                tx.Commit();
            }
            try
            {
                File.Move(temp, path, overwrite: false);
                moved = true;
            }
            catch (IOException) when (File.Exists(path)) { folders.Clear(); }  // another process created it first: use theirs
        }
        catch (StoreFaultException e) when (e.StorePath == temp)
        {
            // The temporary file is ours, not the user's: the fault is named after the store asked for.
            throw new StoreFaultException(path, "cannot be created: " + e.Message[(temp.Length + 2)..], e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not StoreFaultException)
        {
            throw new StoreFaultException(path, "cannot be created: " + e.Message, e);
        }
        catch (SqliteException e)
        {
            throw StoreErrors.Translate(path, e);
        }
        finally
        {
            TryDelete(() => File.Delete(temp));
            if (!moved) RemoveFolders(folders);
        }
        return new Created(path, StoreFile.Inspect(path), moved ? folders : []);
    }

    /// <summary>
    /// Removes a store <see cref="Create"/> made when opening it then failed: the file, its journal and the folders
    /// made for it (those left empty). A store another process created is never in <paramref name="created"/>.
    /// </summary>
    public static void Undo(Created created)
    {
        foreach (string side in SideFiles) TryDelete(() => File.Delete(created.Path + side));
        RemoveFolders(created.Folders);
    }

    private static void RemoveFolders(IEnumerable<string> folders)
    {
        foreach (string folder in folders) TryDelete(() => Directory.Delete(folder));
    }

    private static void TryDelete(Action delete)
    {
        try { delete(); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
