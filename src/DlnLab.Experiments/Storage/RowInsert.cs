namespace DlnLab.Experiments.Storage;

/// <summary>
/// One row to insert (INSERT OR IGNORE on its key): the table's statement, built once per table, and the row's values
/// in the statement's column order, already as SQLite keeps them (<see cref="StoreRows.Value"/>). The store prepares
/// the statement once and binds the values by position (<see cref="BoundInsert"/>), so a row costs its values, not a
/// new SQL text to parse.
/// </summary>
internal readonly record struct RowInsert(RowInsert.Statement Insert, object?[] Values)
{
    /// <summary>The INSERT OR IGNORE of a table's columns, with one parameter per column (<c>$column</c>).</summary>
    internal sealed class Statement(string table, string[] columns)
    {
        public string Sql { get; } = $"INSERT OR IGNORE INTO {table}({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(n => "$" + n))})";

        public string[] Parameters { get; } = [.. columns.Select(n => "$" + n)];

        /// <summary>The row of these values (in column order, a fresh array: they are converted in place for SQLite).</summary>
        public RowInsert With(object?[] values)
        {
            for (int i = 0; i < values.Length; i++) values[i] = StoreRows.Value(values[i]);
            return new RowInsert(this, values);
        }
    }
}
