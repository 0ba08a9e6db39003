using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// Creates a new store: a complete one (marker, schema version, tables) is built under a temporary name beside the
/// path and moved into place only if nothing is there yet, so no process ever sees a half-made store and two processes
/// creating one store at once end up sharing the one that arrived first. A temporary file left by a killed process
/// (".NAME.creating-PID-RANDOM") is removed by the next creation.
/// </summary>
internal static class StoreCreation
{
    public static StoreFileKind Create(string path)
    {
        string folder = Path.GetDirectoryName(path) ?? ".";
        string prefix = $".{Path.GetFileName(path)}.creating-";
        string temp = Path.Combine(folder, $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
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
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { }  // another process created it first: use theirs
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
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return StoreFile.Inspect(path);
    }
}
