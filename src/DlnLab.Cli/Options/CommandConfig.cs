using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DlnLab.Experiments.Configuration;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Options;

/// <summary>
/// `--config FILE.toml` and KEY=VALUE overrides for a command whose settings are options (train, solve, reproduce).
/// Each option has a key in the sweeps' TOML vocabulary: the sweep key of the same flag where there is one
/// (--n is problem.n, --seed seeds.seed, --max-steps training.max_steps), otherwise its table and its name
/// (--checkpoints-per-decade in [training] is training.checkpoints_per_decade). Keys are read off the command's options
/// when used, so an option added to a command has its key with no code here. The file and the overrides become the
/// options they set, placed on the command line before it is parsed again, so they are typed and checked exactly as
/// the options are; an option typed on the command line wins over the file and the overrides.
/// </summary>
internal sealed class CommandConfig
{
    private static readonly ConditionalWeakTable<Command, CommandConfig> Configs = new();

    private readonly Command command;
    private readonly Func<Option, string?> tableOf;
    private readonly Argument<string[]> arguments;
    private readonly bool othersAllowed;
    private readonly Func<ParseResult, bool>? appliesTo;

    /// <summary>The --config option.</summary>
    public Option<string?> File { get; } = CliOption.OptionalText("--config",
        "Read settings from this TOML file (the sweep specs' vocabulary: [problem] n = 20, [training] alpha = 0.1, ...; see " +
        "docs/GUIDE.md); options given on the command line win over it, and KEY=VALUE arguments override it. [default: none]",
        "FILE.toml");

    /// <param name="command">The command, whose options are the settings.</param>
    /// <param name="tableOf">The table of an option's key ("problem", "training", "seeds"), or null for an option that is no setting (--json, --out).</param>
    /// <param name="arguments">The argument that holds the KEY=VALUE overrides (with the command's own words, if <paramref name="othersAllowed"/>).</param>
    /// <param name="othersAllowed">Whether arguments that are not overrides belong to the command (reproduce's figures).</param>
    /// <param name="appliesTo">Whether the configuration applies to a parsed line (reproduce's presets take their own overrides); null: always.</param>
    private CommandConfig(Command command, Func<Option, string?> tableOf, Argument<string[]> arguments, bool othersAllowed, Func<ParseResult, bool>? appliesTo)
    {
        this.appliesTo = appliesTo;
        this.command = command;
        this.tableOf = tableOf;
        this.arguments = arguments;
        this.othersAllowed = othersAllowed;
    }

    /// <summary>Adds --config (and, unless given, an argument of overrides) to <paramref name="command"/>.</summary>
    public static CommandConfig AddTo(Command command, Func<Option, string?> tableOf, Argument<string[]>? arguments = null,
        Func<ParseResult, bool>? appliesTo = null)
    {
        var overrides = arguments ?? new Argument<string[]>("KEY=VALUE")
        {
            Description = "Overrides of the configuration's keys, e.g. training.alpha=0.05 problem.n=40 (typed as the options are).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var config = new CommandConfig(command, tableOf, overrides, othersAllowed: arguments is not null, appliesTo);
        command.Options.Add(config.File);
        if (arguments is null) command.Arguments.Add(overrides);
        Configs.Add(command, config);
        return config;
    }

    /// <summary>The configuration of <paramref name="command"/>, or null if it takes none.</summary>
    public static CommandConfig? Of(Command command) => Configs.TryGetValue(command, out var c) ? c : null;

    /// <summary>Each key with its option, in the order of the command's options.</summary>
    public IReadOnlyList<(string Key, Option Option)> Keys =>
        command.Options.Where(o => o != File && tableOf(o) is not null).Select(o => (KeyOf(o, tableOf(o)!), o)).ToList();

    /// <summary>The schema: every key of <see cref="Keys"/>.</summary>
    public ConfigSchema Schema => new(Keys.Select(k => k.Key));

    /// <summary>
    /// The command line with the file's and the overrides' settings added as options (those not typed), or
    /// <paramref name="args"/> itself when there is neither. Throws <see cref="InvalidInputException"/> for a bad
    /// file, an unknown key or an argument that is no override.
    /// </summary>
    public string[] Expand(ParseResult parsed, string[] args)
    {
        if (appliesTo is not null && !appliesTo(parsed)) return args;
        string? path = parsed.GetValue(File);
        var (others, overrides) = Overrides.Split(parsed.GetValue(arguments) ?? []);
        if (!othersAllowed && others.Count > 0)
            throw new InvalidInputException(others[0], "is not an option nor an override KEY=VALUE (e.g. training.alpha=0.05)");
        if (path is null && overrides.Count == 0) return args;
        var keys = Keys;
        var schema = new ConfigSchema(keys.Select(k => k.Key));
        var document = (path is null ? ConfigDocument.Empty(schema) : ConfigDocument.Load(path, schema)).Override(overrides);
        var added = new List<string>();
        foreach (var (key, option) in keys)
            if (document.OptionText(key) is string text && parsed.GetResult(option) is not { Implicit: false })
                added.AddRange([option.Name, text]);
        // Placed before '--', which ends the options; without '--' at the end.
        int end = Array.IndexOf(args, "--");
        return end < 0 ? [.. args, .. added] : [.. args[..end], .. added, .. args[end..]];
    }

    /// <summary>
    /// The resolved configuration as TOML: every key with the value the command uses (typed, from the file, an
    /// override or the default); keys without a value (an optional path not given) are left out.
    /// </summary>
    public string Resolved(ParseResult parsed)
    {
        var text = new StringBuilder();
        foreach (var group in Keys.GroupBy(k => k.Key[..k.Key.IndexOf('.')]))
        {
            text.Append(CultureInfo.InvariantCulture, $"{(text.Length > 0 ? "\n" : "")}[{group.Key}]\n");
            foreach (var (key, option) in group)
                if (Toml(ValueOf(parsed, option)) is string value) text.Append(CultureInfo.InvariantCulture, $"{key[(key.IndexOf('.') + 1)..]} = {value}\n");
        }
        return text.ToString();
    }

    private static object? ValueOf(ParseResult parsed, Option option) => option switch
    {
        Option<int> o => parsed.GetValue(o),
        Option<long> o => parsed.GetValue(o),
        Option<ulong> o => parsed.GetValue(o),
        Option<double> o => parsed.GetValue(o),
        Option<bool> o => parsed.GetValue(o),
        Option<string> o => parsed.GetValue(o),
        Option<string[]> o => parsed.GetValue(o),
        _ => parsed.GetResult(option)?.Tokens is { Count: > 0 } tokens ? string.Join(',', tokens.Select(t => t.Value)) : null,
    };

    private static string? Toml(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double x when double.IsFinite(x) => x.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
        ulong u when u > long.MaxValue => $"\"{u.ToString(CultureInfo.InvariantCulture)}\"",
        int or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
        string s => SweepSpecTomlWriter.Quoted(s),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Toml)) + "]",
        _ => Toml(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    // The sweep vocabulary where the flag is a sweep flag (stepsize aside: a sweep's axis is a table, a run's one value).
    private static string KeyOf(Option option, string table)
    {
        string flag = option.Name.TrimStart('-');
        return SweepSpecFlags.Flags.TryGetValue(flag, out var key) && key.Contains('.') && !key.StartsWith("stepsize", StringComparison.Ordinal)
            ? key : table + "." + flag.Replace('-', '_');
    }
}
