namespace DlnLab;

/// <summary>
/// Checks on output paths made before any work starts, so that a bad path fails fast with one line naming its option
/// and nothing is half done: the path must be a regular file or a new name in a folder that exists (or can be
/// created), never a folder, FIFO, device, socket or a place under /dev, /proc or /sys.
/// </summary>
public static class OutputPath
{
    private static readonly string[] SystemRoots = ["/dev/", "/proc/", "/sys/"];

    /// <summary>The longest file or folder name written: 255 bytes (the usual limit) less room for the temporary suffix.</summary>
    public const int MaxNameBytes = 200;

    /// <summary>Whether <paramref name="path"/> means standard output ("-" or /dev/stdout), which is streamed, not replaced.</summary>
    public static bool IsStandardOutput(string path) => path is "-" or "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1";

    /// <summary>
    /// Checks that the file <paramref name="path"/> may be written (replaced atomically if it is a regular file).
    /// With <paramref name="folderMayBeCreated"/>, missing folders above it are allowed (they are created).
    /// </summary>
    public static string CheckFile(string field, string path, bool folderMayBeCreated = false)
    {
        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
            throw new InvalidInputException(field, path, "ends with '/', which names a folder; give a file name");
        string full = Full(field, path);
        var type = FileKind.Of(full);
        if (type == FileType.Directory) throw new InvalidInputException(field, path, "is a folder; give a file name");
        if (type != FileType.Missing && type != FileType.Regular)
            throw new InvalidInputException(field, path, $"is {FileKind.Describe(type)}; only a regular file or a new path is written");
        CheckFolderAbove(field, path, Path.GetDirectoryName(full)!, folderMayBeCreated);
        return full;
    }

    /// <summary>Checks that <paramref name="path"/> is a folder, or a new one whose missing parents can be created.</summary>
    public static string CheckFolder(string field, string path)
    {
        string full = Full(field, path);
        var type = FileKind.Of(full);
        if (type == FileType.Directory) return full;
        if (type != FileType.Missing) throw new InvalidInputException(field, path, $"is {FileKind.Describe(type)}; give a folder");
        CheckFolderAbove(field, path, Path.GetDirectoryName(full)!, folderMayBeCreated: true);
        return full;
    }

    private static string Full(string field, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException(field, "got nothing; needs a path");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(field, path, "must be a valid path");
        }
        if (path.Contains('\0')) throw new InvalidInputException(field, path, "must be a valid path");
        // Longer names than the file systems take (255 bytes) would fail only when written; the temporary file adds 38.
        if (full.Split('/', '\\').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > MaxNameBytes))
            throw new InvalidInputException(field, Shorten(path), $"has a file or folder name longer than {MaxNameBytes} bytes");
        string resolved = Resolve(field, path, full);
        if (!OperatingSystem.IsWindows() && SystemRoots.Any(r => (resolved + "/").StartsWith(r, StringComparison.Ordinal) || (full + "/").StartsWith(r, StringComparison.Ordinal)))
            throw new InvalidInputException(field, path, "is under /dev, /proc or /sys; give a regular file or folder elsewhere");
        return full;
    }

    // The first folder above the path that exists must be a folder (not a regular file), and, unless folders may be
    // created, it must be the path's own folder.
    private static void CheckFolderAbove(string field, string path, string folder, bool folderMayBeCreated)
    {
        for (string? f = folder; f is not null; f = Path.GetDirectoryName(f))
        {
            var type = FileKind.Of(f);
            if (type == FileType.Missing)
            {
                if (!folderMayBeCreated) throw new InvalidInputException(field, path, "must be in an existing folder");
                continue;
            }
            if (type != FileType.Directory)
                throw new InvalidInputException(field, path, $"is under '{f}', which is {FileKind.Describe(type)}, not a folder");
            return;
        }
    }

    // The folder with the links among its existing folders followed; the missing part is kept as written.
    private static string ResolveFolders(string folder)
    {
        string? parent = Path.GetDirectoryName(folder);
        if (parent is null) return folder;
        string resolved = Path.Combine(ResolveFolders(parent), Path.GetFileName(folder));
        try
        {
            return new DirectoryInfo(resolved).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? resolved;
        }
        catch (IOException) { return resolved; } // a loop: the write fails later, naming the file
    }

    private static string Shorten(string path) => path.Length <= 80 ? path : path[..40] + "..." + path[^37..];

    // The path with every symbolic link in it followed (a folder above it may be a link, into /proc say); a link at the
    // path itself that loops or names nothing is refused.
    private static string Resolve(string field, string path, string full)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null) full = Path.Combine(ResolveFolders(parent), Path.GetFileName(full));
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        FileSystemInfo? final;
        try { final = info.ResolveLinkTarget(returnFinalTarget: true); }
        catch (IOException) { throw new InvalidInputException(field, path, "is a symbolic link that loops"); }
        if (final is null || FileKind.Of(final.FullName) == FileType.Missing)
            throw new InvalidInputException(field, path, $"is a symbolic link to '{info.LinkTarget}', which does not exist");
        return final.FullName;
    }
}
