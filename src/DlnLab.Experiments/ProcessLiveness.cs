using System.Diagnostics;

namespace DlnLab.Experiments;

/// <summary>Whether a process of this machine still runs: what decides if a temporary file named after it is stale.</summary>
internal static class ProcessLiveness
{
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// Deletes the entries of <paramref name="folder"/> named <paramref name="prefix"/> + PID + "-" + anything whose
    /// process is gone (left by a killed process); entries that cannot be deleted are left.
    /// </summary>
    public static void RemoveStale(string folder, string prefix)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, prefix + "*"))
        {
            string rest = Path.GetFileName(entry)[prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash <= 0 || !int.TryParse(rest[..dash], out int pid) || IsRunning(pid)) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
