using System.IO.Compression;
using DlnLab.LinearAlgebra;

namespace DlnLab.Problems;

/// <summary>
/// Collects named arrays and saves them as one numpy .npz file (a zip of .npy files, as <c>numpy.savez</c> writes it):
/// <c>numpy.load(path)["X"]</c> gives back the array added as "X". The file is written to a temporary name and renamed.
/// </summary>
/// <remarks>Arrays are held by reference and read only when <see cref="Save"/> runs.</remarks>
public sealed class NpzWriter
{
    // A fixed timestamp, so the same arrays always give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<(string Name, Action<Stream> Write)> _entries = [];

    /// <summary>Adds a 1-D float64 array of shape (n,).</summary>
    public NpzWriter Add(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddEntry(name, s => NpyWriter.WriteTo(s, values, [values.Length]));
    }

    /// <summary>Adds a 2-D float64 array of shape (rows, cols).</summary>
    public NpzWriter Add(string name, Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return AddEntry(name, s => NpyWriter.WriteTo(s, matrix.Data, [matrix.Rows, matrix.Cols]));
    }

    /// <summary>Adds a 2-D float64 array of shape (rows, cols) from row-major <paramref name="data"/>.</summary>
    public NpzWriter Add(string name, double[] data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseArray.RequireShape(data.Length, [rows, cols]);
        return AddEntry(name, s => NpyWriter.WriteTo(s, data, [rows, cols]));
    }

    /// <summary>Adds a float64 array of any shape from row-major <paramref name="data"/> (runs x checkpoints x d, say).</summary>
    public NpzWriter Add(string name, double[] data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseArray.RequireShape(data.Length, shape, maxRank: 3);
        return AddEntry(name, s => NpyWriter.WriteTo(s, data, shape));
    }

    /// <summary>Adds a 1-D int64 array of shape (n,).</summary>
    public NpzWriter Add(string name, long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddEntry(name, s => NpyWriter.WriteTo(s, values, [values.Length]));
    }

    /// <summary>Adds a 2-D int64 array of shape (rows, cols) from row-major <paramref name="data"/>.</summary>
    public NpzWriter Add(string name, long[] data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseArray.RequireShape(data.Length, [rows, cols]);
        return AddEntry(name, s => NpyWriter.WriteTo(s, data, [rows, cols]));
    }

    /// <summary>Adds a 1-D uint64 array of shape (n,).</summary>
    public NpzWriter Add(string name, ulong[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddEntry(name, s => NpyWriter.WriteTo(s, values, [values.Length]));
    }

    /// <summary>Adds a 1-D unicode string array of shape (n,).</summary>
    public NpzWriter Add(string name, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddEntry(name, s => NpyWriter.WriteTo(s, values));
    }

    /// <summary>
    /// Writes the archive: deflated when <paramref name="compress"/> (like <c>numpy.savez_compressed</c>), otherwise
    /// stored (like <c>numpy.savez</c>).
    /// </summary>
    public void Save(string path, bool compress = false)
    {
        var level = compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, write) in _entries)
            {
                var entry = zip.CreateEntry(name + ".npy", level);
                entry.LastWriteTime = EntryTime;
                using var s = entry.Open();
                write(s);
            }
        });
    }

    private NpzWriter AddEntry(string name, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                throw new ArgumentException($"array name '{name}' may hold only ASCII letters, digits, '_', '-' and '.'", nameof(name));
        if (_entries.Any(e => e.Name == name)) throw new ArgumentException($"an array named '{name}' was already added", nameof(name));
        _entries.Add((name, write));
        return this;
    }
}
