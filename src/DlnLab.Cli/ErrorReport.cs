using System.CommandLine;
using System.CommandLine.Parsing;

namespace DlnLab.Cli;

/// <summary>
/// Turns parse errors and <see cref="InvalidInputException"/>s into the one line the user sees: the option, the value
/// and what is allowed, spelled with the option's command-line name (--batch-size rather than batch-size).
/// </summary>
internal static class ErrorReport
{
    /// <summary>The line describing the first parse error, or null when the command line parsed.</summary>
    public static string? ForParseErrors(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        // An unknown option before '--' that the parser took as the command's argument (sweep's SPEC.toml, reproduce's
        // figures) or left over: the mistake to name, before what it caused (a value left unmatched, a file not found).
        if (UnknownOptionToken(parsed) is string unknown) return UnknownOption(unknown, command, path);
        if (OptionAfterEnd(parsed) is string late) return AfterEnd(late, path);
        if (parsed.Errors.Count == 0) return null;

        // An option error explains more than the unmatched tokens it causes ("--n --max-steps 100" leaves "100" over).
        foreach (var error in parsed.Errors)
        {
            if (OptionOf(error) is not OptionResult optionResult) continue;
            string name = optionResult.Option.Name;
            if (optionResult.Tokens.Count == 0 || IsOptionName(command, optionResult.Tokens[0].Value))
                return $"{name}: got nothing; needs a value. Run '{path} --help'.";
            if (optionResult.Tokens.Count > 1 && optionResult.Option.Arity.MaximumNumberOfValues == 1)
                return $"{name}: given {optionResult.Tokens.Count} times ({string.Join(", ", optionResult.Tokens.Select(t => t.Value))}); give it once";
            if (error.Message.StartsWith(name + ":", StringComparison.Ordinal)) return error.Message; // from CliOption's parsers
            return $"{name}: {error.Message} Run '{path} --help'.";
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (IsOptionName(command, token)) return AfterEnd(token, path);
            if (token.StartsWith('-'))
                return UnknownOption(token, command, path);
            if (command.Subcommands.Count > 0)
                return $"{token}: unknown command; {Suggest(token, command.Subcommands.Select(c => c.Name))}";
            return $"{token}: unexpected argument for '{path}', which takes options only; run '{path} --help'";
        }

        var first = parsed.Errors[0];
        if (command.Subcommands.Count > 0 && command.Action is null)
            return $"no command given; must be one of: {string.Join(", ", command.Subcommands.Select(c => c.Name))}. Run '{path} --help'.";
        return first.Message;
    }

    /// <summary>The exception's message, with its field written as the option of <paramref name="command"/> it names, if any.</summary>
    public static string ForInvalidInput(InvalidInputException e, Command command)
    {
        string field = e.Field;
        int bracket = field.IndexOf('[');
        string baseName = "--" + (bracket < 0 ? field : field[..bracket]);
        var option = command.Options.FirstOrDefault(o => o.Name == baseName || o.Aliases.Contains(baseName));
        if (option is null || !e.Message.StartsWith(field, StringComparison.Ordinal)) return e.Message;
        return option.Name + (bracket < 0 ? "" : field[bracket..]) + e.Message[field.Length..];
    }

    private static string? UnknownOptionToken(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var beforeEnd = BeforeEnd(parsed);
        var asArguments = ArgumentTokens(parsed).Where(beforeEnd.Contains).Select(t => t.Value);
        var unmatched = parsed.UnmatchedTokens.Where(u => parsed.Tokens.Any(t => t.Value == u && beforeEnd.Contains(t)));
        return asArguments.Concat(unmatched).FirstOrDefault(t => LooksLikeOption(t) && !IsOptionName(command, t));
    }

    // An option of the command after '--', taken as an argument (train's KEY=VALUE, sweep's SPEC.toml).
    private static string? OptionAfterEnd(ParseResult parsed)
    {
        var beforeEnd = BeforeEnd(parsed);
        return ArgumentTokens(parsed).Where(t => !beforeEnd.Contains(t)).Select(t => t.Value).FirstOrDefault(t => IsOptionName(parsed.CommandResult.Command, t));
    }

    private static IEnumerable<Token> ArgumentTokens(ParseResult parsed) =>
        parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens);

    private static HashSet<Token> BeforeEnd(ParseResult parsed)
    {
        var tokens = parsed.Tokens.ToList();
        int end = tokens.FindIndex(t => t.Type == TokenType.DoubleDash);
        return new HashSet<Token>(end < 0 ? tokens : tokens.Take(end), ReferenceEqualityComparer.Instance);
    }

    // "--d", "-x"; not "-1", "-0.5e-3" (a negative number is a value) nor "-" (standard input or output).
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string AfterEnd(string option, string path) =>
        $"{option}: comes after '--', which ends the options; put it before '--' (run '{path} --help')";

    /// <summary>"unknown option --d for 'dln reproduce'; did you mean --datasets?": the nearest known option always named.</summary>
    private static string UnknownOption(string token, Command command, string path)
    {
        var names = command.Options.Where(o => !o.Hidden).Select(o => o.Name).ToList();
        string name = token.Split('=')[0];
        // A prefix of an option names it best ("--d" for --datasets); otherwise the fewest edits.
        var nearest = names.FirstOrDefault(n => n.StartsWith(name, StringComparison.Ordinal)) ?? names.MinBy(n => EditDistance(name, n));
        string hint = nearest is null ? $"run '{path} --help'"
            : nearest.StartsWith(name, StringComparison.Ordinal) || IsTypoOf(name, nearest) ? $"did you mean {nearest}?"
            : $"the nearest known option is {nearest} (run '{path} --help' for all)";
        return $"unknown option {token} for '{path}'; {hint}";
    }

    private static OptionResult? OptionOf(ParseError error) => error.SymbolResult switch
    {
        OptionResult o => o,
        ArgumentResult { Parent: OptionResult o } => o,
        _ => null,
    };

    private static bool IsOptionName(Command command, string token) =>
        command.Options.Any(o => o.Name == token || o.Aliases.Contains(token));

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    // Names the closest allowed word when the token looks like a typo of it; otherwise lists them all.
    private static string Suggest(string token, IEnumerable<string> allowed)
    {
        var names = allowed.ToList();
        var closest = names.MinBy(n => EditDistance(token, n));
        if (closest is not null && IsTypoOf(token, closest))
            return $"did you mean {closest}?";
        return "allowed: " + string.Join(", ", names);
    }

    // Few enough edits (at most 2, or a quarter of the name) that the token is taken as a misspelling of the name.
    private static bool IsTypoOf(string token, string name) => EditDistance(token, name) <= Math.Max(2, name.Length / 4);

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
