using DlnLab.Training;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// One field of the stored run record: its name (the same in the SQLite table, runs.csv, runs.npz and JSON), its
/// type, and where its value comes from. Every column is declared once, in <see cref="RunColumns"/>.
/// </summary>
public sealed class RunColumn
{
    internal RunColumn(int index, string name, ColumnType type, Func<RunSource, object?> from, Func<RunResult, object?>? fromResult,
        bool exported, string? earlier)
    {
        Earlier = earlier;
        Index = index;
        Name = name;
        Type = type;
        From = from;
        FromResult = fromResult;
        Exported = exported;
    }

    /// <summary>The column's name: the SQLite column, the CSV header, the npz key and the JSON property.</summary>
    public string Name { get; }

    /// <summary>How the value is stored and exported.</summary>
    public ColumnType Type { get; }

    /// <summary>For a field of the training result: its value read off a <see cref="RunResult"/> (null for fields of the spec).</summary>
    public Func<RunResult, object?>? FromResult { get; }

    /// <summary>Whether `dln export` writes the column (runs.csv for scalars, runs.npz for all).</summary>
    public bool Exported { get; }

    /// <summary>
    /// The value, as an SQL literal, of runs stored before the column existed: a store without the column is read
    /// with it and gains it on its first write. Null: such a store is refused (its runs cannot be read for sure).
    /// </summary>
    public string? Earlier { get; }

    /// <summary>Position in <see cref="RunColumns.All"/> and in a record's values.</summary>
    internal int Index { get; }

    /// <summary>The value of a run computed now, from its spec and result.</summary>
    internal Func<RunSource, object?> From { get; }

    /// <summary>The column's name.</summary>
    public override string ToString() => Name;
}
