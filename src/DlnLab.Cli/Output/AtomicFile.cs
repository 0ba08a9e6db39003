using System.Text;

namespace DlnLab.Cli.Output;

/// <summary>Writes a file under a temporary name in the same folder and renames it, so readers never see half a file.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, Utf8NoBom))
            {
                writer.NewLine = "\n";
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Checks, before any work is done, that <paramref name="path"/> can be written: its folder exists and it is not a folder.</summary>
    public static void CheckWritable(string field, string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(field, path, "must be a valid file path");
        }
        if (Directory.Exists(full)) throw new InvalidInputException(field, path, "is a folder; give a file name");
        if (!Directory.Exists(Path.GetDirectoryName(full))) throw new InvalidInputException(field, path, "must be in an existing folder");
    }
}
