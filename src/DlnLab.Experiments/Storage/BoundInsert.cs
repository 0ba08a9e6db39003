using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// One INSERT statement of a <see cref="RowInsert.Statement"/>, prepared once on the store's connection and run with
/// its values bound by position. Microsoft.Data.Sqlite's commands bind each parameter by name, a search through the
/// statement's names for every one of them (with the runs table's columns, the name comparisons and lookups alone
/// were 3.7% of a sweep of one-step runs' CPU samples), and the store is the one thing a sweep's threads take turns at.
/// </summary>
internal sealed class BoundInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _count;

    public BoundInsert(SqliteConnection connection, RowInsert.Statement insert)
    {
        _db = connection.Handle!;
        int rc = raw.sqlite3_prepare_v2(_db, insert.Sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _count = raw.sqlite3_bind_parameter_count(_statement);
        // The statement's parameters are its columns' in order, so position i + 1 is the i-th value.
        for (int i = 0; i < insert.Parameters.Length; i++)
            if (raw.sqlite3_bind_parameter_index(_statement, insert.Parameters[i]) != i + 1)
                throw new InvalidOperationException($"parameter {insert.Parameters[i]} is not at position {i + 1} of: {insert.Sql}");
        if (_count != insert.Parameters.Length)
            throw new InvalidOperationException($"{_count} parameters in: {insert.Sql}");
    }

    /// <summary>Inserts one row (values as <see cref="StoreRows.Value"/> leaves them, in column order); returns the rows changed (0: its key was there).</summary>
    public int Run(object?[] values)
    {
        if (values.Length != _count) throw new ArgumentException($"{values.Length} values for {_count} columns", nameof(values));
        try
        {
            for (int i = 0; i < values.Length; i++) Bind(i + 1, values[i]);
            int rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            // Every parameter is bound again for the next row, so the bindings need no clearing.
            raw.sqlite3_reset(_statement);
        }
    }

    private void Bind(int index, object? value)
    {
        int rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string s => raw.sqlite3_bind_text(_statement, index, s),
            double d => raw.sqlite3_bind_double(_statement, index, d),
            long l => raw.sqlite3_bind_int64(_statement, index, l),
            int n => raw.sqlite3_bind_int64(_statement, index, n),
            byte[] b => raw.sqlite3_bind_blob(_statement, index, b),
            _ => throw new InvalidOperationException($"no SQLite binding for a value of type {value.GetType().Name}"),
        };
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
