namespace DlnLab.Cli.Output;

/// <summary>Checks on output paths made before any work starts, so a bad path fails fast and nothing is half done.</summary>
internal static class WritablePath
{
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
