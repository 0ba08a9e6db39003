using System.CommandLine;
using System.Globalization;

namespace DlnLab.Cli.Options;

/// <summary>
/// Factory for the options of every command: values parse with the invariant culture, the default shown by --help is
/// the one used, and a value that does not parse gives one message naming the option, the value and what is allowed.
/// Range rules (n > 0, b in [1, n], ...) are not checked here: they live in the core's Validated() methods.
/// </summary>
internal static class CliOption
{
    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>An integer, written in digits or as an integral number such as 1e5 (see <see cref="IntegerText"/>).</summary>
    public static Option<int> Int(string name, int defaultValue, string description) =>
        Parsed(name, defaultValue, description, "INT", SpecText.IntegerAllowed,
            (string t, out int v) => IntegerText.TryParseInt(t, out v));

    public static Option<long> Long(string name, long defaultValue, string description) =>
        Parsed(name, defaultValue, description, "INT", SpecText.IntegerAllowed,
            (string t, out long v) => IntegerText.TryParseLong(t, out v));

    /// <summary>A 64-bit seed: any integer in [0, 2^64).</summary>
    public static Option<ulong> Seed(string name, ulong defaultValue, string description) =>
        Parsed(name, defaultValue, description, "SEED", SpecText.SeedAllowed,
            (string t, out ulong v) => IntegerText.TryParseUnsigned(t, out v));

    public static Option<double> Double(string name, double defaultValue, string description) =>
        Parsed(name, defaultValue, description, "NUMBER", SpecText.NumberAllowed,
            (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v));

    /// <summary>A string option whose value the command parses itself (vectors, schedules), shown with its default.</summary>
    public static Option<string> Text(string name, string defaultValue, string description, string helpName) =>
        RefuseOptionNames(new Option<string>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        });

    /// <summary>An optional path or text without default (absent: null).</summary>
    public static Option<string?> OptionalText(string name, string description, string helpName) =>
        RefuseOptionNames(new Option<string?>(name) { Description = description, HelpName = helpName });

    // The parser gives an option expecting a value the next token even when that is another option:
    // "--trajectory --json" must not write a file named --json.
    private static Option<T> RefuseOptionNames<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value.StartsWith("--", StringComparison.Ordinal))
                result.AddError($"{option.Name}: got nothing; needs a value (found the option {result.Tokens[^1].Value})");
        });
        return option;
    }

    /// <summary>One of a fixed set of lower-case words, matched case-insensitively.</summary>
    public static Option<string> Choice(string name, string defaultValue, string description, params string[] choices)
    {
        string allowed = "must be one of " + string.Join(", ", choices);
        return Parsed(name, defaultValue, description, string.Join('|', choices), allowed,
            (string t, out string v) =>
            {
                v = t.Trim().ToLowerInvariant();
                return Array.IndexOf(choices, v) >= 0;
            });
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>Lower-case name of an enum value, as the options spell it.</summary>
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Parses a word produced by <see cref="Choice"/> back to its enum value.</summary>
    public static TEnum ParseWord<TEnum>(string word) where TEnum : struct, Enum => Enum.Parse<TEnum>(word, ignoreCase: true);

    private static Option<T> Parsed<T>(string name, T defaultValue, string description, string helpName, string allowed, TryParse<T> tryParse)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return defaultValue;
            string text = result.Tokens[^1].Value;
            if (tryParse(text, out T value)) return value;
            result.AddError(new InvalidInputException(name, text, allowed).Message);
            return defaultValue;
        };
        return option;
    }
}
