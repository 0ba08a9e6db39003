using System.Buffers.Binary;
using System.Text;

namespace DlnLab.Problems;

/// <summary>
/// Reads numpy .npy files (format versions 1.0, 2.0 and 3.0) of a numeric dtype and at most two dimensions into a
/// <see cref="DenseArray"/> of doubles in C order. Fortran-order files are transposed on reading.
/// </summary>
public static class NpyReader
{
    // 0x93 then "NUMPY"; not a u8 string literal, which would encode U+0093 as two bytes.
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int ChunkElements = 1 << 14;

    /// <summary>Reads the file; any failure is an <see cref="InvalidInputException"/> for <paramref name="field"/> naming the file.</summary>
    public static DenseArray Read(string path, string field = "file") =>
        InputFile.Read(path, field, stream => Read(stream, path, field, stream.Length));

    /// <summary>
    /// Reads one array from the stream's current position (which need not be seekable: .npz entries are deflate
    /// streams). <paramref name="source"/> names the stream in messages. When <paramref name="totalBytes"/> (the bytes of the
    /// whole .npy: the file's size, or an .npz entry's uncompressed size) is given, a header announcing more entries than
    /// follow is refused before anything is allocated; so is an array above the <see cref="MemoryLimit"/>.
    /// </summary>
    public static DenseArray Read(Stream stream, string source, string field = "file", long? totalBytes = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < 8 || !prefix[..6].SequenceEqual(Magic)) throw Invalid(field, source, "it does not start with the .npy magic string \\x93NUMPY");
        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            ReadExactly(stream, prefix.Slice(8, 2), field, source, "header length");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2));
        }
        else if (major is 2 or 3)
        {
            ReadExactly(stream, prefix.Slice(8, 4), field, source, "header length");
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
            if (length > 1 << 24) throw Invalid(field, source, $"its header claims {length} bytes");
            headerLength = (int)length;
        }
        else throw Invalid(field, source, $"format version {major}.{prefix[7]} is not supported (1.0, 2.0, 3.0 are)");

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, field, source, "header");
        // Version 3.0 allows UTF-8 in the header; 1.0 and 2.0 are latin-1, which UTF-8 reads alike for ASCII headers.
        string headerText = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes).Trim();
        NpyHeader header;
        try
        {
            header = NpyHeader.Parse(headerText);
        }
        catch (FormatException e)
        {
            throw Invalid(field, source, $"bad header {Quote(headerText)}: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            throw new InvalidInputException(field, $"'{source}': {e.Message}");
        }
        if (header.Shape.Length > 2)
            throw new InvalidInputException(field, $"'{source}' holds an array of shape {DenseArray.FormatShape(header.Shape)}; only 0-D, 1-D and 2-D arrays are supported");

        double count = 1;
        foreach (int s in header.Shape) count *= s;
        string shape = DenseArray.FormatShape(header.Shape);
        if (count > Array.MaxLength) throw new InvalidInputException(field, $"'{source}' holds an array of shape {shape}, {count:G3} entries; at most {Array.MaxLength} are supported");
        long headerEnd = (major == 1 ? 10 : 12) + headerLength;
        if (totalBytes is long total && count * header.Dtype.Size > total - headerEnd)
            throw Invalid(field, source, $"its header announces shape {shape} ({count * header.Dtype.Size:G4} bytes of data) but only {Math.Max(0, total - headerEnd)} bytes follow");
        // Training on it and the theory checks hold several copies of a design matrix.
        MemoryLimit.Check(field, source, SparseRegressionSpec.CopiesOfX * 8 * count, $"training on an array of shape {shape}");
        var data = new double[(long)count];
        ReadData(stream, header.Dtype, data, field, source);
        if (header.FortranOrder && header.Shape.Length == 2) data = ToRowMajor(data, header.Shape[0], header.Shape[1]);
        return new DenseArray(data, header.Shape);
    }

    private static void ReadData(Stream stream, NpyDtype dtype, double[] data, string field, string source)
    {
        var buffer = new byte[ChunkElements * dtype.Size];
        for (int offset = 0; offset < data.Length; offset += ChunkElements)
        {
            int n = Math.Min(ChunkElements, data.Length - offset);
            var bytes = buffer.AsSpan(0, n * dtype.Size);
            int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
                throw Invalid(field, source, $"it ends after {offset + got / dtype.Size} of the {data.Length} entries its header announces");
            dtype.Convert(bytes, data.AsSpan(offset, n));
        }
    }

    private static double[] ToRowMajor(double[] columnMajor, int rows, int cols)
    {
        var result = new double[columnMajor.Length];
        for (int j = 0; j < cols; j++)
        {
            int column = j * rows;
            for (int i = 0; i < rows; i++) result[i * cols + j] = columnMajor[column + i];
        }
        return result;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string field, string source, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw Invalid(field, source, $"it ends inside the {what}");
    }

    private static string Quote(string header) => header.Length <= 120 ? $"\"{header}\"" : $"\"{header[..117]}...\"";

    private static InvalidInputException Invalid(string field, string source, string why) =>
        new(field, $"'{source}' is not a valid .npy file: {why}");
}
