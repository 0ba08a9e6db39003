using System.Buffers.Binary;

namespace DlnLab.Experiments.Storage;

/// <summary>Vectors as BLOBs of little-endian IEEE doubles (numpy dtype '&lt;f8'), whatever the machine's byte order.</summary>
internal static class DoubleBlob
{
    public static byte[] ToBytes(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    public static double[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 != 0) throw new InvalidDataException($"a vector BLOB has {bytes.Length} bytes, not a multiple of 8");
        var values = new double[bytes.Length / 8];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8));
        return values;
    }
}
