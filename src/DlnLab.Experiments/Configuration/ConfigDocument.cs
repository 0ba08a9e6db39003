using System.Globalization;
using DlnLab.Experiments.Sweeps;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace DlnLab.Experiments.Configuration;

/// <summary>
/// A TOML configuration flattened to key paths ("problem.n", "stepsize.log.count") with untyped values, checked
/// against a schema's keys, and then changed by Hydra-style overrides ("training.alpha=0.05"), before anything typed is
/// built from it. The typing is left to the reader of the document (<see cref="SweepSpecToml"/>, the command line), so a
/// key added to a schema can be given in a file and overridden with no code here.
/// </summary>
public sealed class ConfigDocument
{
    private readonly ConfigSchema schema;
    private readonly Dictionary<string, SpecValue> values = new(StringComparer.Ordinal);

    private ConfigDocument(ConfigSchema schema) => this.schema = schema;

    /// <summary>A document with no key set.</summary>
    public static ConfigDocument Empty(ConfigSchema schema) => new(schema);

    /// <summary>Reads and checks the TOML file at <paramref name="path"/> (at most 1 MiB; a FIFO or a device is refused).</summary>
    public static ConfigDocument Load(string path, ConfigSchema schema, string field = "config") =>
        Parse(DlnLab.Problems.InputFile.ReadAllText(path, field, 1 << 20), path, schema);

    /// <summary>Parses TOML text; <paramref name="sourceName"/> is the file name shown in errors ("file:line:column: key").</summary>
    public static ConfigDocument Parse(string toml, string sourceName, ConfigSchema schema)
    {
        var document = Syntax(toml, sourceName);
        var config = new ConfigDocument(schema);
        foreach (var kv in document.KeyValues) config.Add(sourceName, "", kv, null);
        foreach (var table in document.Tables)
        {
            if (table is TableArraySyntax)
                throw new InvalidInputException($"{At(sourceName, table.Span.Start)}: [[{KeyPath(table.Name)}]]", "arrays of tables are not part of the schema");
            string name = KeyPath(table.Name);
            if (!schema.IsTable(name))
                schema.RejectUnknown(name, $"{At(sourceName, table.Name!.Span.Start)}: {name}");
            foreach (var kv in table.Items) config.Add(sourceName, name + ".", kv, null);
        }
        return config;
    }

    /// <summary>The keys set, in the order first set.</summary>
    public IEnumerable<string> Keys => values.Keys;

    /// <summary>Whether <paramref name="key"/> is set.</summary>
    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>
    /// Applies overrides "KEY=VALUE": KEY a key of the schema (or a table of it, with an inline table as value), VALUE a
    /// TOML value (0.05, [1, 2], "text", {start = 1, ...}) or, failing that, the command line's words: a bare word
    /// (uniform, power:3, n), a number too large for TOML (a seed), or comma-separated items (0.1,0.2). Each key replaces
    /// what the file gave it and the keys it excludes (stepsize.values drops a file's stepsize.log); two overrides that
    /// exclude each other are left for the reader to refuse, as in a file.
    /// </summary>
    public ConfigDocument Override(params IEnumerable<string> assignments)
    {
        var parsed = assignments.Select(Split).ToList();
        foreach (var (key, _) in parsed) DropExcluded(key);
        foreach (var (key, text) in parsed)
        {
            var syntax = SyntaxParser.Parse($"{QuotedPath(key)} = {text}", key, validate: true);
            if (!syntax.HasErrors && syntax.KeyValues.ChildrenCount == 1 && syntax.Tables.ChildrenCount == 0) Add(key, "", syntax.KeyValues.GetChild(0)!, key);
            else if (schema.Keys.Contains(key)) values[key] = Words(text, key);
            else throw new InvalidInputException(key, text, "must be an inline table such as {start = 0.001, stop = 0.1, count = 10}");
        }
        return this;
    }

    private (string Key, string Text) Split(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new InvalidInputException(assignment, "is not an override; write KEY=VALUE, e.g. training.alpha=0.05");
        string key = assignment[..eq].Trim();
        if (!schema.Keys.Contains(key) && !schema.IsTable(key))
            schema.RejectUnknown(key, key);
        return (key, assignment[(eq + 1)..].Trim());
    }

    /// <summary>Sets <paramref name="key"/> (a key of the schema) to a value already read.</summary>
    internal void Set(string key, SpecValue value)
    {
        schema.RejectUnknown(key, value.Where);
        values[key] = value;
    }

    /// <summary>Removes the keys that <paramref name="key"/> excludes (before setting it from another source than the file).</summary>
    internal void DropExcluded(string key)
    {
        foreach (var excluded in schema.Excluded(key).ToList())
            foreach (var k in values.Keys.Where(k => ConfigSchema.Covers(excluded, k)).ToList())
                values.Remove(k);
    }

    /// <summary>
    /// The value of <paramref name="key"/> as a command-line option's text: a number as written, a string unquoted,
    /// a list as comma-separated items; null when the key is not set.
    /// </summary>
    public string? OptionText(string key) => values.TryGetValue(key, out var v) ? Unquoted(v) : null;

    /// <summary>The flattened values, for <see cref="SpecBuilder"/>.</summary>
    internal IReadOnlyDictionary<string, SpecValue> Values => values;

    private static string Unquoted(SpecValue v) => v.Value switch
    {
        IReadOnlyList<SpecValue> items => string.Join(',', items.Select(Unquoted)),
        string s => s,
        _ => v.Text,
    };

    private static DocumentSyntax Syntax(string toml, string sourceName)
    {
        DocumentSyntax document;
        try { document = SyntaxParser.Parse(toml, sourceName, validate: true); }
        catch (Tomlyn.TomlException e)
        {
            // Nesting deeper than the reader takes: its first sentence says so (the rest is advice to programmers).
            throw new InvalidInputException(sourceName, e.Message.Split(". ")[0].TrimEnd('.') + "; a configuration nests at most two levels");
        }
        foreach (var message in document.Diagnostics)
            if (message.Kind == DiagnosticMessageKind.Error)
                throw new InvalidInputException($"{At(sourceName, message.Span.Start)}", message.Message
                    + (message.Message.StartsWith("Unable to parse integer", StringComparison.Ordinal)
                        ? "; TOML integers end at 2^63 - 1: write a larger seed as a string, e.g. seed = \"18446744073709551615\"" : ""));
        return document;
    }

    // where: null for a file (the key's position), else the override's key.
    private void Add(string file, string prefix, KeyValueSyntax kv, string? where)
    {
        string path = prefix + KeyPath(kv.Key);
        string at = where ?? $"{At(file, kv.Key!.Span.Start)}: {path}";
        if (kv.Value is InlineTableSyntax inline)
        {
            if (!schema.IsTable(path)) schema.RejectUnknown(path, at);
            foreach (var item in inline.Items) Add(file, path + ".", item.KeyValue!, where is null ? null : path + "." + KeyPath(item.KeyValue!.Key));
            return;
        }
        schema.RejectUnknown(path, at);
        values[path] = Value(kv.Value!, file, path, at, where is not null);
    }

    private static SpecValue Value(ValueSyntax value, string file, string path, string where, bool fromOverride)
    {
        switch (value)
        {
            case IntegerValueSyntax i: return new SpecValue(i.Value, i.Value.ToString(CultureInfo.InvariantCulture), where);
            case FloatValueSyntax f: return new SpecValue(f.Value, f.Value.ToString("R", CultureInfo.InvariantCulture), where);
            case StringValueSyntax s: return new SpecValue(s.Value ?? "", $"\"{s.Value}\"", where);
            case BooleanValueSyntax b: return new SpecValue(b.Value, b.Value ? "true" : "false", where);
            case ArraySyntax a:
                var items = new List<SpecValue>();
                int k = 0;
                foreach (var item in a.Items)
                {
                    string at = fromOverride ? $"{path}[{k}]" : $"{At(file, item.Value!.Span.Start)}: {path}[{k}]";
                    if (item.Value is ArraySyntax or InlineTableSyntax)
                        throw new InvalidInputException(at, "must be a number or a string, not a nested list or table");
                    items.Add(Value(item.Value!, file, path, at, fromOverride));
                    k++;
                }
                return new SpecValue(items, "[" + string.Join(", ", items.Select(x => x.Text)) + "]", where);
            default: return new SpecValue(value.ToString() ?? "", value.ToString() ?? "", where);
        }
    }

    // The command line's reading of a value that is not TOML: comma-separated items, each an integer, a number or a word.
    private static SpecValue Words(string text, string where)
    {
        var tokens = text.Split(',', StringSplitOptions.TrimEntries);
        return tokens.Length == 1 ? Token(tokens[0], where) : new SpecValue(tokens.Select((t, i) => Token(t, $"{where}[{i}]")).ToList(), text, where);
    }

    internal static SpecValue Token(string t, string where)
    {
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return new SpecValue(l, t, where);
        if (ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return new SpecValue(u, t, where);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) return new SpecValue(x, t, where);
        return new SpecValue(t, t, where);
    }

    private static string QuotedPath(string key) => string.Join('.', key.Split('.').Select(SweepSpecTomlWriter.Quoted));

    private static string KeyPath(KeySyntax? key)
    {
        if (key is null) return "";
        var parts = new List<string> { Part(key.Key) };
        foreach (var dotted in key.DotKeys) parts.Add(Part(dotted.Key));
        return string.Join('.', parts);
    }

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax s => s.Value ?? "",
        _ => "",
    };

    // Tomlyn counts lines and columns from 0; editors count from 1.
    private static string At(string file, TextPosition p) => $"{file}:{p.Line + 1}:{p.Column + 1}";
}
