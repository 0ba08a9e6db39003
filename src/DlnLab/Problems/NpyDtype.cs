using System.Buffers.Binary;

namespace DlnLab.Problems;

/// <summary>A numeric numpy dtype as spelled in a .npy header ('&lt;f8', '|u1', ...): kind, size and byte order.</summary>
internal readonly record struct NpyDtype(char Kind, int Size, bool BigEndian, string Descr)
{
    public const string Supported = "float16/32/64, int8/16/32/64, uint8/16/32/64 or bool";

    public static NpyDtype Parse(string descr)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '>' or '|' or '='))
            throw new NotSupportedException($"dtype '{descr}' is not supported; need {Supported}");
        char kind = descr[1];
        if (!int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
            throw new NotSupportedException($"dtype '{descr}' is not supported; need {Supported}");
        bool ok = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            _ => false,
        };
        if (!ok) throw new NotSupportedException($"dtype '{descr}' is not supported; need {Supported}");
        bool big = descr[0] == '>' || (descr[0] == '=' && !BitConverter.IsLittleEndian);
        return new NpyDtype(kind, size, big, descr);
    }

    /// <summary>Converts <paramref name="source"/> (whole elements) to doubles; 64-bit integers beyond 2^53 round.</summary>
    public void Convert(ReadOnlySpan<byte> source, Span<double> destination)
    {
        int n = destination.Length;
        if (Kind == 'f' && Size == 8 && BigEndian == !BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(source[..(8 * n)]).CopyTo(destination);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            var b = source.Slice(i * Size, Size);
            destination[i] = (Kind, Size) switch
            {
                ('f', 8) => BitConverter.Int64BitsToDouble(ReadInt64(b)),
                ('f', 4) => BitConverter.Int32BitsToSingle(ReadInt32(b)),
                ('f', 2) => (double)BitConverter.Int16BitsToHalf(ReadInt16(b)),
                ('i', 8) => ReadInt64(b),
                ('i', 4) => ReadInt32(b),
                ('i', 2) => ReadInt16(b),
                ('i', 1) => (sbyte)b[0],
                ('u', 8) => (ulong)ReadInt64(b),
                ('u', 4) => (uint)ReadInt32(b),
                ('u', 2) => (ushort)ReadInt16(b),
                ('u', 1) => b[0],
                _ => b[0] != 0 ? 1 : 0, // bool
            };
        }
    }

    private long ReadInt64(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b);
    private int ReadInt32(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b);
    private short ReadInt16(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b);
}
