using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Sweeps;

/// <summary>Opens a result store for a sweep so that a store that cannot be created (a full disk) leaves nothing behind.</summary>
public static class StoreOpening
{
    private static readonly string[] SideFiles = ["", "-wal", "-shm", "-journal"];

    /// <summary>
    /// <see cref="ResultStore.Open"/>; when it fails, the files and folders it created (the new store, its journal,
    /// the folders above it) are removed again before the failure is rethrown. An existing store is never removed.
    /// </summary>
    public static ResultStore Open(string path)
    {
        string full = Path.GetFullPath(path);
        bool existed = File.Exists(full);
        var missingFolders = new List<string>();
        for (string? f = Path.GetDirectoryName(full); f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f)) missingFolders.Add(f);
        try
        {
            return ResultStore.Open(full);
        }
        catch
        {
            if (!existed)
                foreach (string side in SideFiles) TryDelete(() => File.Delete(full + side));
            foreach (string folder in missingFolders) TryDelete(() => Directory.Delete(folder));
            throw;
        }
    }

    private static void TryDelete(Action delete)
    {
        try { delete(); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
