namespace DlnLab.Problems;

/// <summary>Opens a user-named input file, turning every way it can fail into one <see cref="InvalidInputException"/>.</summary>
internal static class InputFile
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

    private static FileStream OpenRead(string path, string field)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException(field, "no file given; need a path");
        if (Directory.Exists(path)) throw new InvalidInputException(field, $"'{path}' is a folder, not a file");
        if (!File.Exists(path)) throw new InvalidInputException(field, $"file '{path}' does not exist");
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
