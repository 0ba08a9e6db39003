using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Reads a <see cref="SweepSpec"/> from TOML, strictly: a syntax error, an unknown key, a wrong type, an empty grid
/// or a value out of range is an <see cref="InvalidInputException"/> whose message starts with "file:line:column: key".
/// Schema (all keys optional; lists are grid axes; see examples/sweep.toml):
/// <code>
/// name = "fig1"
/// [seeds]     seed, datasets | data_seeds, repeats
/// [problem]   n, d, s, noise (number or list); nonzeros, scale, support, n_test
/// [training]  alpha (number or list), batch_size (integer, "n" or list), batch_mode, tolerance, max_steps,
///             divergence_factor, bounce_factor, loss_check_interval
/// [stepsize]  exactly one of: values = [...] | linear = {start, stop, count} | log = {start, stop, count} | relative = [...]
/// [threshold] low, high, precision   (bisection for the largest convergent stepsize, used by relative)
/// </code>
/// </summary>
public static class SweepSpecToml
{
    /// <summary>Reads and checks the spec file at <paramref name="path"/>.</summary>
    public static SweepSpec Load(string path)
    {
        // A spec is a few lines; a FIFO, a device or a huge file is refused before it is read.
        string text = DlnLab.Problems.InputFile.ReadAllText(path, "spec", 1 << 20);
        return Parse(text, path);
    }

    /// <summary>Parses TOML text; <paramref name="sourceName"/> is the file name shown in errors.</summary>
    public static SweepSpec Parse(string toml, string sourceName = "spec.toml")
    {
        DocumentSyntax document;
        try { document = SyntaxParser.Parse(toml, sourceName, validate: true); }
        catch (Tomlyn.TomlException e)
        {
            // Nesting deeper than the reader takes: its first sentence says so (the rest is advice to programmers).
            throw new InvalidInputException(sourceName, e.Message.Split(". ")[0].TrimEnd('.') + "; a sweep spec nests at most two levels");
        }
        foreach (var message in document.Diagnostics)
            if (message.Kind == DiagnosticMessageKind.Error)
                throw new InvalidInputException($"{At(sourceName, message.Span.Start)}", message.Message
                    + (message.Message.StartsWith("Unable to parse integer", StringComparison.Ordinal)
                        ? "; TOML integers end at 2^63 - 1: write a larger seed as a string, e.g. seed = \"18446744073709551615\"" : ""));

        var values = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
        foreach (var kv in document.KeyValues) Add(values, sourceName, "", kv);
        foreach (var table in document.Tables)
        {
            if (table is TableArraySyntax)
                throw new InvalidInputException($"{At(sourceName, table.Span.Start)}: [[{KeyPath(table.Name)}]]", "arrays of tables are not part of the sweep schema");
            string prefix = KeyPath(table.Name) + ".";
            if (!SpecBuilder.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                SpecBuilder.RejectUnknown(prefix.TrimEnd('.'), $"{At(sourceName, table.Name!.Span.Start)}: {prefix.TrimEnd('.')}");
            foreach (var kv in table.Items) Add(values, sourceName, prefix, kv);
        }
        return new SpecBuilder(values, field => $"{sourceName}: {field} (default)").Build();
    }

    private static void Add(Dictionary<string, SpecValue> values, string file, string prefix, KeyValueSyntax kv)
    {
        string path = prefix + KeyPath(kv.Key);
        string where = $"{At(file, kv.Key!.Span.Start)}: {path}";
        if (kv.Value is InlineTableSyntax inline)
        {
            if (!SpecBuilder.Keys.Any(k => k.StartsWith(path + ".", StringComparison.Ordinal))) SpecBuilder.RejectUnknown(path, where);
            foreach (var item in inline.Items) Add(values, file, path + ".", item.KeyValue!);
            return;
        }
        SpecBuilder.RejectUnknown(path, where);
        values[path] = Value(kv.Value!, file, path, where);
    }

    private static SpecValue Value(ValueSyntax value, string file, string path, string where)
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
                    if (item.Value is ArraySyntax or InlineTableSyntax)
                        throw new InvalidInputException($"{At(file, item.Value.Span.Start)}: {path}[{k}]", "must be a number or a string, not a nested list or table");
                    items.Add(Value(item.Value!, file, path, $"{At(file, item.Value!.Span.Start)}: {path}[{k}]"));
                    k++;
                }
                return new SpecValue(items, "[" + string.Join(", ", items.Select(x => x.Text)) + "]", where);
            default: return new SpecValue(value.ToString() ?? "", value.ToString() ?? "", where);
        }
    }

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
