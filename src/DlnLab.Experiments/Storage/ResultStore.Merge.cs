namespace DlnLab.Experiments.Storage;

public sealed partial class ResultStore
{
    /// <summary>The rows a merge copies from this store (see <see cref="StoreContents"/>).</summary>
    internal IEnumerable<MergeRow> MergeRows() => StoreContents.Of(this);

    /// <summary>
    /// Inserts the rows in one transaction (INSERT OR IGNORE on their keys: a row already here stays as it is) and
    /// returns how many were new in each table. The caller has checked that the rows already here hold the same values.
    /// </summary>
    internal Dictionary<string, int> AddRows(IEnumerable<MergeRow> rows) => Write(tx =>
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
            added[row.Table] = added.GetValueOrDefault(row.Table) + Insert(row.Row);
        return added;
    });
}
