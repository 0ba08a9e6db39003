namespace DlnLab.Problems;

/// <summary>Opens a user-named input file, turning every way it can fail into one <see cref="InvalidInputException"/>.</summary>
internal static class InputFile
{
    public static FileStream OpenRead(string path, string field)
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

    /// <summary>Wraps an I/O failure in the middle of reading, so the CLI still prints one line and no stack trace.</summary>
    public static InvalidInputException ReadFailed(string path, string field, Exception e) =>
        new(field, $"cannot read '{path}': {e.Message}");
}
