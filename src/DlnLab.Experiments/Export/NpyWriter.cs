using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DlnLab.Experiments.Export;

/// <summary>
/// Minimal writer of numpy's .npy format (version 1.0: float64, int64, uint64 and fixed-width unicode arrays, C order) and of
/// .npz archives (a zip of .npy files). Kept to this one file so the core's writer can replace it.
/// </summary>
internal static class NpyWriter
{
    /// <summary>A named array for an .npz archive: doubles, longs or strings, with its shape.</summary>
    public sealed record Array(string Name, object Data, int[] Shape);

    public static Array Doubles(string name, double[] data, params int[] shape) => new(name, data, shape.Length == 0 ? [data.Length] : shape);
    public static Array Longs(string name, long[] data) => new(name, data, [data.Length]);
    public static Array ULongs(string name, ulong[] data) => new(name, data, [data.Length]);
    public static Array Strings(string name, string[] data) => new(name, data, [data.Length]);

    /// <summary>Writes one array as .npy to the stream.</summary>
    public static void Write(Stream stream, Array array)
    {
        (string descr, byte[] body) = array.Data switch
        {
            double[] d => ("<f8", DoubleBytes(d)),
            long[] l => ("<i8", LongBytes(l)),
            ulong[] u => ("<u8", LongBytes(u.Select(x => unchecked((long)x)).ToArray())),
            string[] s => Unicode(s),
            _ => throw new ArgumentException($"unsupported array type {array.Data.GetType()}"),
        };
        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : "(" + string.Join(", ", array.Shape.Select(x => x.ToString(CultureInfo.InvariantCulture))) + ")";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to a multiple of 64.
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        prefix[0] = 0x93;
        "NUMPY"u8.CopyTo(prefix[1..]);
        prefix[6] = 1; prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], checked((ushort)header.Length));
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(body);
    }

    /// <summary>Writes a .npy file (to a temporary name, then renamed).</summary>
    public static void WriteFile(string path, Array array) => Atomic(path, s => Write(s, array));

    /// <summary>Writes an .npz archive (each array as name.npy; deflated), to a temporary name, then renamed.</summary>
    public static void WriteNpz(string path, IEnumerable<Array> arrays) => Atomic(path, s =>
    {
        using var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var a in arrays)
        {
            var entry = zip.CreateEntry(a.Name + ".npy", CompressionLevel.Optimal);
            using var es = entry.Open();
            Write(es, a);
        }
    });

    internal static void Atomic(string path, Action<Stream> write)
    {
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write)) write(f);
            File.Move(temp, path, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }

    private static byte[] DoubleBytes(double[] d)
    {
        var b = new byte[d.Length * 8];
        for (int i = 0; i < d.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), d[i]);
        return b;
    }

    private static byte[] LongBytes(long[] l)
    {
        var b = new byte[l.Length * 8];
        for (int i = 0; i < l.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(i * 8), l[i]);
        return b;
    }

    // numpy '<U{w}': w UTF-32 little-endian code points per element, zero padded.
    private static (string, byte[]) Unicode(string[] s)
    {
        var runes = s.Select(x => x.EnumerateRunes().ToArray()).ToArray();
        int width = Math.Max(1, runes.Length == 0 ? 1 : runes.Max(r => r.Length));
        var b = new byte[s.Length * width * 4];
        for (int i = 0; i < s.Length; i++)
            for (int j = 0; j < runes[i].Length; j++)
                BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan((i * width + j) * 4), runes[i][j].Value);
        return ($"<U{width}", b);
    }
}
