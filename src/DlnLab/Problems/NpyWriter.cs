using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DlnLab.LinearAlgebra;

namespace DlnLab.Problems;

/// <summary>
/// Writes float64 ('&lt;f8'), int64 ('&lt;i8'), uint64 ('&lt;u8') and unicode ('&lt;U') arrays of one or two dimensions as
/// numpy .npy files (format 1.0, C order)
/// that <c>numpy.load</c> reads back bit for bit. Files are written to a temporary name and renamed.
/// </summary>
public static class NpyWriter
{
    private const int Alignment = 64; // numpy pads the header so the data starts on a 64-byte boundary
    private const int ChunkElements = 1 << 14;

    /// <summary>A 1-D float64 array of shape (n,).</summary>
    public static void Write(string path, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AtomicFile.Write(path, s => WriteTo(s, values, [values.Length]));
    }

    /// <summary>A 2-D float64 array of shape (rows, cols).</summary>
    public static void Write(string path, Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, s => WriteTo(s, matrix.Data, [matrix.Rows, matrix.Cols]));
    }

    /// <summary>A 2-D float64 array of shape (rows, cols) from row-major <paramref name="data"/>.</summary>
    public static void Write(string path, double[] data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseArray.RequireShape(data.Length, [rows, cols]);
        AtomicFile.Write(path, s => WriteTo(s, data, [rows, cols]));
    }

    /// <summary>A 1-D int64 array of shape (n,).</summary>
    public static void Write(string path, long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AtomicFile.Write(path, s => WriteTo(s, values, [values.Length]));
    }

    /// <summary>A 2-D int64 array of shape (rows, cols) from row-major <paramref name="data"/>.</summary>
    public static void Write(string path, long[] data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseArray.RequireShape(data.Length, [rows, cols]);
        AtomicFile.Write(path, s => WriteTo(s, data, [rows, cols]));
    }

    /// <summary>Writes a float64 array of the given shape (rank 0, 1 or 2; C order) at the stream's position.</summary>
    public static void WriteTo(Stream stream, ReadOnlySpan<double> data, ReadOnlySpan<int> shape) =>
        WriteEightByte(stream, "<f8", MemoryMarshal.Cast<double, ulong>(data), shape);

    /// <summary>Writes an int64 array of the given shape (rank 0, 1 or 2; C order) at the stream's position.</summary>
    public static void WriteTo(Stream stream, ReadOnlySpan<long> data, ReadOnlySpan<int> shape) =>
        WriteEightByte(stream, "<i8", MemoryMarshal.Cast<long, ulong>(data), shape);

    /// <summary>Writes a uint64 array (seeds) of the given shape at the stream's position.</summary>
    public static void WriteTo(Stream stream, ReadOnlySpan<ulong> data, ReadOnlySpan<int> shape) =>
        WriteEightByte(stream, "<u8", data, shape);

    // Every numeric type written here is eight bytes wide: the bits go out little-endian whatever the machine's order.
    private static void WriteEightByte(Stream stream, string descr, ReadOnlySpan<ulong> bits, ReadOnlySpan<int> shape)
    {
        DenseArray.RequireShape(bits.Length, shape, maxRank: 3);
        WriteHeader(stream, descr, shape);
        if (BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bits.Length; i += ChunkElements)
                stream.Write(MemoryMarshal.AsBytes(bits.Slice(i, Math.Min(ChunkElements, bits.Length - i))));
            return;
        }
        Span<byte> b = stackalloc byte[8];
        foreach (ulong v in bits)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b, v);
            stream.Write(b);
        }
    }

    /// <summary>Writes a 1-D fixed-width unicode array ('&lt;U<i>w</i>': w UTF-32 code points per entry, zero padded).</summary>
    public static void WriteTo(Stream stream, IReadOnlyList<string> data)
    {
        var runes = data.Select(x => x.EnumerateRunes().ToArray()).ToArray();
        int width = Math.Max(1, runes.Length == 0 ? 1 : runes.Max(r => r.Length));
        WriteHeader(stream, $"<U{width}", [data.Count]);
        var entry = new byte[width * 4];
        foreach (var r in runes)
        {
            Array.Clear(entry);
            for (int j = 0; j < r.Length; j++) BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(j * 4), r[j].Value);
            stream.Write(entry);
        }
    }

    private static void WriteHeader(Stream stream, string descr, ReadOnlySpan<int> shape)
    {
        string dict = NpyHeader.Format(descr, shape);
        // Version 1.0 has a 2-byte header length; 2.0 (4 bytes) is only needed for headers over 64 KiB.
        bool v1 = dict.Length + 1 + 10 + Alignment <= ushort.MaxValue;
        int prefix = v1 ? 10 : 12;
        int total = prefix + dict.Length + 1;
        int padded = (total + Alignment - 1) / Alignment * Alignment;
        var header = new byte[padded];
        NpyReader.Magic.CopyTo(header);
        header[6] = v1 ? (byte)1 : (byte)2;
        header[7] = 0;
        int headerLength = padded - prefix;
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, header.AsSpan(prefix));
        header.AsSpan(prefix + dict.Length, padded - prefix - dict.Length - 1).Fill((byte)' ');
        header[^1] = (byte)'\n';
        stream.Write(header);
    }
}
