using System.Runtime.InteropServices;

namespace DlnLab.Experiments.Export;

/// <summary>
/// The folder an export goes to, replaced whole: the files are written into a fresh temporary folder beside it
/// (".NAME.export-PID-RANDOM.tmp"), which is then swapped with it in one rename (renameat2 RENAME_EXCHANGE where Linux
/// has it, else two renames), so a reader never sees half an old and half a new export. Temporary folders left by a
/// killed export are removed by the next one (those whose process is gone). A folder that holds the store, or
/// anything but an export's own regular files, is refused before anything is written.
/// </summary>
internal sealed class ExportFolder
{
    private readonly string _target;

    private ExportFolder(string target) => _target = target;

    public static ExportFolder Prepare(string directory, string storePath, IReadOnlyList<string> names)
    {
        if (string.IsNullOrWhiteSpace(directory) || directory.Contains('\0')) throw new InvalidInputException("out", directory, "is not a folder name; give a folder");
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string store = Path.GetFullPath(storePath);
        if (store == target || store.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidInputException("out", directory, $"is or holds the store {store}, which an export must not replace; give another folder");
        if (File.Exists(target)) throw new InvalidInputException("out", directory, "is a file; give a folder");
        if (Directory.Exists(target))
        {
            var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0)
                throw new InvalidInputException("out", directory,
                    $"holds files that are not an export's ({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", ..." : "")}), which replacing the folder would delete; give a new folder or one written by 'dln export'");
            // An export writes only regular files: anything else under one of its names (a FIFO, a device, a folder, a
            // link) is not a previous export's, and replacing the folder would remove it.
            foreach (string name in names)
            {
                string entry = Path.Combine(target, name);
                var type = FileKind.Of(entry);
                if (new FileInfo(entry).LinkTarget is string link)
                    throw new InvalidInputException("out", directory, $"holds {name} as a symbolic link to '{link}', which an export did not write; give a new folder or remove it");
                if (type is not (FileType.Missing or FileType.Regular))
                    throw new InvalidInputException("out", directory, $"holds {name} as {FileKind.Describe(type)}, which an export did not write; give a new folder or remove it");
            }
        }
        return new ExportFolder(target);
    }

    /// <summary>Writes the export with <paramref name="write"/> (given the temporary folder) and swaps it in.</summary>
    public void Write(Action<string> write)
    {
        string parent = Path.GetDirectoryName(_target) ?? ".";
        Directory.CreateDirectory(parent);
        ProcessLiveness.RemoveStale(parent, Prefix);
        string temp = Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            Swap(temp);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private string Prefix => $".{Path.GetFileName(_target)}.export-";

    // After this the target holds the new export and temp the old one (or nothing), which the caller deletes.
    private void Swap(string temp)
    {
        if (!Directory.Exists(_target))
        {
            Directory.Move(temp, _target);
            return;
        }
        if (OperatingSystem.IsLinux() && Exchange(temp, _target)) return;
        string old = temp + ".old";
        Directory.Move(_target, old);
        Directory.Move(temp, _target);
        Directory.Move(old, temp);
    }

    private static bool Exchange(string a, string b)
    {
        try { return RenameAt2(-100, a, -100, b, 2) == 0; } // AT_FDCWD, RENAME_EXCHANGE
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    [DllImport("libc.so.6", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
