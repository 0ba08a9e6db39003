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

    // Bits, not values: 0.0 and -0.0 differ, and a vector is its bytes.
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ => Equals(a, b),
    };
}
