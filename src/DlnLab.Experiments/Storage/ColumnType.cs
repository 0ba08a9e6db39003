namespace DlnLab.Experiments.Storage;

/// <summary>
/// The type of a run-record column, which fixes how it is stored (SQLite), read back, and exported (CSV cell, npz
/// array, JSON value). See <see cref="RunColumn"/>.
/// </summary>
public enum ColumnType
{
    /// <summary>A string: SQLite TEXT, a CSV text field, a numpy unicode array, a JSON string.</summary>
    Text,
    /// <summary>An int: SQLite INTEGER, numpy int64.</summary>
    Int,
    /// <summary>A long: SQLite INTEGER, numpy int64.</summary>
    Long,
    /// <summary>A ulong (a seed): kept bit for bit in SQLite's signed INTEGER, numpy uint64.</summary>
    Unsigned,
    /// <summary>A double that may be NaN: SQLite REAL with NaN as NULL (read back as NaN), numpy float64.</summary>
    Real,
    /// <summary>A double? : SQLite REAL with null (and NaN) as NULL, read back as null; exported as NaN (npz) or empty (CSV).</summary>
    OptionalReal,
    /// <summary>A bool: SQLite INTEGER 0/1, exported as 0/1 (numpy int64), a JSON boolean.</summary>
    Flag,
    /// <summary>A double[] (one value per coordinate): SQLite BLOB of little-endian doubles, a runs x d npz matrix, not in the CSV.</summary>
    Vector,
}
