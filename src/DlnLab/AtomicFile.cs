using System.Collections.Concurrent;
using System.Text;

namespace DlnLab;

/// <summary>
/// Writes a file under a temporary name in the same folder and renames it into place, so readers never see half a
/// file and an interrupted write leaves the old file (or none). Every file the project writes goes through here.
/// Only a regular file (or a new path) is ever replaced: a folder, FIFO, device or socket at the path is refused, and a
/// symbolic link is followed to the file it names, which is replaced while the link stays.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    // Temporary files being written now, so that an interrupted process can remove them before it exits.
    private static readonly ConcurrentDictionary<string, byte> Temporaries = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes the bytes that <paramref name="write"/> puts on the stream. A failure of the file system (no space, a
    /// read-only folder) is an <see cref="IOException"/> whose message names <paramref name="path"/> and the reason.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Target(Path.GetFullPath(path));
        var type = FileKind.Of(full);
        if (type is not (FileType.Missing or FileType.Regular))
            throw new IOException($"cannot write '{full}': it is {FileKind.Describe(type)}; only a regular file or a new path is replaced");
        string dir = Path.GetDirectoryName(full) ?? ".";
        // Same folder as the target, so the final move is a rename within one file system.
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            Temporaries[temp] = 0;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            Temporaries.TryRemove(temp, out _);
        }
        catch (Exception e)
        {
            Delete(temp);
            if (e is IOException or UnauthorizedAccessException)
                throw new IOException($"cannot write '{full}': {e.Message.Replace(temp, full, StringComparison.Ordinal)}", e);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8 without byte-order mark, "\n" line ends).</summary>
    public static void WriteText(string path, Action<TextWriter> write) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        write(writer);
    });

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to a temporary file and renames it to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to a temporary file and renames it to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Removes the temporary files of writes still under way (for a process about to exit on a signal).</summary>
    public static void DeleteTemporaryFiles()
    {
        foreach (string temp in Temporaries.Keys) Delete(temp);
    }

    private static void Delete(string temp)
    {
        try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Temporaries.TryRemove(temp, out _);
    }

    // The file a symbolic link finally names (the link itself is left in place); any other path as it is. A link that
    // loops or names nothing is refused: writing through it would replace the link or create folders elsewhere.
    private static string Target(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        FileSystemInfo? final;
        try { final = info.ResolveLinkTarget(returnFinalTarget: true); }
        catch (IOException) { throw new IOException($"cannot write '{full}': it is a symbolic link that loops"); }
        if (final is null || FileKind.Of(final.FullName) == FileType.Missing)
            throw new IOException($"cannot write '{full}': it is a symbolic link to '{info.LinkTarget}', which does not exist");
        return final.FullName;
    }
}
