namespace DlnLab.Experiments.Storage;

/// <summary>
/// One row a merge copies: its table, its key there, the row as SQLite keeps it, the column (index into the row) a
/// difference in which is no conflict (a run's wall time), and how to name the row in a message.
/// </summary>
internal sealed record MergeRow(string Table, string Key, RowInsert Row, int Ignored, string Label)
{
    /// <summary>Whether a row under the same key must hold the same values (false: the first one copied stays).</summary>
    public bool Compared { get; init; } = true;

    /// <summary>The first column (by name) in which <paramref name="other"/>, a row with the same key, differs; null if none.</summary>
    public string? FirstDifference(MergeRow other, IReadOnlyList<string> columns)
    {
        if (!Compared) return null;
        for (int i = 0; i < Row.Values.Length; i++)
            if (i != Ignored && !Same(Row.Values[i], other.Row.Values[i])) return columns[i];
        return null;
    }

    /// <summary>
    /// A digest of the values that must agree (SHA-256 over each value's type and bits, the ignored column left out;
    /// empty for a row that is not compared), so a merge can hold what it has seen without holding the rows.
    /// </summary>
    public byte[] Digest()
    {
        if (!Compared) return [];
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var nine = new byte[9];
        void Add(byte tag, long bits)
        {
            nine[0] = tag;
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(nine.AsSpan(1), bits);
            hash.AppendData(nine);
        }
        for (int i = 0; i < Row.Values.Length; i++)
        {
            if (i == Ignored) continue;
            switch (Row.Values[i])
            {
                case byte[] bytes: Add(1, bytes.Length); hash.AppendData(bytes); break;
                case string text: var utf8 = System.Text.Encoding.UTF8.GetBytes(text); Add(2, utf8.Length); hash.AppendData(utf8); break;
                case double x: Add(3, BitConverter.DoubleToInt64Bits(x)); break;
                case long n: Add(4, n); break;
                case int n: Add(4, n); break;
                case null or DBNull: Add(5, 0); break;
                case var other: throw new InvalidOperationException($"no digest for a {other.GetType().Name} in {Table}");
            }
        }
        return hash.GetHashAndReset();
    }

    // Bits, not values: 0.0 and -0.0 differ, and a vector is its bytes.
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ => Equals(a, b),
    };
}
