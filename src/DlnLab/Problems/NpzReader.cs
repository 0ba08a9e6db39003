using System.IO.Compression;

namespace DlnLab.Problems;

/// <summary>Reads the arrays of a numpy .npz file (stored or deflated, as numpy.savez and savez_compressed write it).</summary>
public static class NpzReader
{
    /// <summary>
    /// Returns the arrays by name (the entry name without ".npy", as <c>numpy.load</c> shows it), keeping only names
    /// <paramref name="include"/> accepts when given. Failures are <see cref="InvalidInputException"/>s for <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, DenseArray> Read(string path, string field = "file", Predicate<string>? include = null) =>
        WithArchive(path, field, zip =>
        {
            var arrays = new Dictionary<string, DenseArray>(StringComparer.Ordinal);
            foreach (var (name, entry) in ArrayEntries(zip))
            {
                if (include is not null && !include(name)) continue;
                using var s = entry.Open();
                arrays[name] = NpyReader.Read(s, $"{path}:{entry.FullName}", field, entry.Length);
            }
            return arrays;
        });

    /// <summary>The names of the arrays in the file, without reading them.</summary>
    public static IReadOnlyList<string> Names(string path, string field = "file") =>
        WithArchive(path, field, zip => ArrayEntries(zip).Select(e => e.Name).ToList());

    private static IEnumerable<(string Name, ZipArchiveEntry Entry)> ArrayEntries(ZipArchive zip) =>
        zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).Select(e => (e.FullName[..^4], e));

    // A damaged archive (or deflate stream) surfaces as InvalidDataException, from opening it or from reading an entry.
    private static T WithArchive<T>(string path, string field, Func<ZipArchive, T> read) => InputFile.Read(path, field, file =>
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read);
            return read(zip);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(field, $"'{path}' is not a valid .npz (zip) file: {e.Message}");
        }
    });
}
