namespace DlnLab.Experiments.Configuration;

/// <summary>
/// The keys a configuration may set ("table.key" paths, at most two levels of tables), and which keys exclude each
/// other (giving one drops the others: stepsize.values and stepsize.log, seeds.datasets and seeds.data_seeds).
/// </summary>
/// <param name="Keys">Every key path of the schema.</param>
/// <param name="Alternatives">Groups of key paths (or table paths) of which at most one may be given.</param>
public sealed record ConfigSchema(IReadOnlySet<string> Keys, IReadOnlyList<IReadOnlyList<string>> Alternatives)
{
    /// <summary>A schema whose keys exclude none of the others.</summary>
    public ConfigSchema(IEnumerable<string> keys) : this(keys.ToHashSet(StringComparer.Ordinal), []) { }

    /// <summary>The key paths that <paramref name="key"/> replaces when it is given: the other members of its groups.</summary>
    public IEnumerable<string> Excluded(string key) => Alternatives
        .Where(group => group.Any(g => Covers(g, key)))
        .SelectMany(group => group.Where(g => !Covers(g, key)));

    /// <summary>Whether <paramref name="path"/> is a table of the schema: some key lies inside it.</summary>
    public bool IsTable(string path) => Keys.Any(k => k.StartsWith(path + ".", StringComparison.Ordinal));

    /// <summary>
    /// Throws unless <paramref name="path"/> is a key: the one line lists the known keys of its table (or the tables,
    /// when the table is unknown too). <paramref name="where"/> starts the message ("file:line:column: key", or the key).
    /// </summary>
    public void RejectUnknown(string path, string where)
    {
        if (Keys.Contains(path)) return;
        var inside = Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal)).Select(k => k[(path.Length + 1)..].Split('.')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (inside.Count > 0)
            throw new InvalidInputException(where, $"is a table, not a key; its keys: {string.Join(", ", inside)}");
        int dot = path.LastIndexOf('.');
        string table = dot < 0 ? "" : path[..dot];
        var siblings = Keys.Where(k => table.Length == 0 || k.StartsWith(table + ".", StringComparison.Ordinal))
            .Select(k => k[(table.Length == 0 ? 0 : table.Length + 1)..]).Select(k => k.Split('.')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (table.Length > 0 && siblings.Count == 0)
        {
            RejectUnknown(table, where);
            throw new InvalidInputException(where, $"{table} is a key, not a table");
        }
        throw new InvalidInputException(where, table.Length == 0
            ? "is not a known key or table; known keys and tables: " + string.Join(", ", siblings)
            : $"is not a known key of [{table}]; known keys of [{table}]: " + string.Join(", ", siblings));
    }

    /// <summary>Whether <paramref name="key"/> is <paramref name="group"/> or lies inside it.</summary>
    internal static bool Covers(string group, string key) => key == group || key.StartsWith(group + ".", StringComparison.Ordinal);
}
