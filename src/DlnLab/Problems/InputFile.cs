namespace DlnLab.Problems;

/// <summary>
/// Opens a user-named input file, turning every way it can fail into one <see cref="InvalidInputException"/>. Only a
/// regular file is opened: a FIFO (which would block), a device such as /dev/zero (which never ends), a socket or a
/// folder is refused before anything is read.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// Opens the file and hands it to <paramref name="read"/>; an I/O failure in the middle of reading also becomes an
    /// <see cref="InvalidInputException"/>, so the CLI still prints one line and no stack trace.
    /// </summary>
    public static T Read<T>(string path, string field, Func<FileStream, T> read)
    {
        using var stream = OpenRead(path, field);
        try
        {
            return read(stream);
        }
        catch (IOException e)
        {
            throw new InvalidInputException(field, $"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Reads a whole text file of at most <paramref name="maxBytes"/> bytes (a spec, a list).</summary>
    public static string ReadAllText(string path, string field, long maxBytes) => Read(path, field, stream =>
    {
        if (stream.Length > maxBytes)
            throw new InvalidInputException(field, $"'{path}' has {stream.Length} bytes; at most {maxBytes} are read for this file");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Refuses, naming <paramref name="field"/>, anything at <paramref name="path"/> but an existing regular file.</summary>
    public static void CheckRegular(string path, string field)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException(field, "no file given; need a path");
        var type = FileKind.Of(path);
        if (type == FileType.Missing) throw new InvalidInputException(field, $"file '{path}' does not exist");
        if (type == FileType.Directory) throw new InvalidInputException(field, $"'{path}' is a folder, not a file");
        if (type != FileType.Regular) throw new InvalidInputException(field, $"'{path}' is {FileKind.Describe(type)}; need a regular file");
    }

    private static FileStream OpenRead(string path, string field)
    {
        CheckRegular(path, field);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidInputException(field, $"cannot read '{path}': {e.Message}");
        }
    }
}
