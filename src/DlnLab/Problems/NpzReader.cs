using System.IO.Compression;

namespace DlnLab.Problems;

/// <summary>Reads the arrays of a numpy .npz file (stored or deflated, as numpy.savez and savez_compressed write it).</summary>
public static class NpzReader
{
    /// <summary>
    /// Returns the arrays by name (the entry name without ".npy", as <c>numpy.load</c> shows it), keeping only names
    /// <paramref name="include"/> accepts when given. Failures are <see cref="InvalidInputException"/>s for <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, DenseArray> Read(string path, string field = "file", Predicate<string>? include = null)
    {
        using var file = InputFile.OpenRead(path, field);
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read);
            var arrays = new Dictionary<string, DenseArray>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string name = entry.FullName[..^4];
                if (include is not null && !include(name)) continue;
                using var s = entry.Open();
                arrays[name] = NpyReader.Read(s, $"{path}:{entry.FullName}", field);
            }
            return arrays;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(field, $"'{path}' is not a valid .npz (zip) file: {e.Message}");
        }
        catch (IOException e)
        {
            throw InputFile.ReadFailed(path, field, e);
        }
    }

    /// <summary>The names of the arrays in the file, without reading them.</summary>
    public static IReadOnlyList<string> Names(string path, string field = "file")
    {
        using var file = InputFile.OpenRead(path, field);
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read);
            return zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).Select(e => e.FullName[..^4]).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(field, $"'{path}' is not a valid .npz (zip) file: {e.Message}");
        }
    }
}
