using System.Text.RegularExpressions;

namespace DlnLab.Cli.Options;

/// <summary>
/// Hydra-style overrides on the command line: an argument KEY=VALUE whose KEY is a dotted key path of the TOML schema
/// (training.alpha=0.05, stepsize.log.count=5). The other arguments are left to the command (a spec file, figures).
/// </summary>
internal static partial class Overrides
{
    /// <summary>Whether <paramref name="argument"/> is an override rather than a file or a word.</summary>
    public static bool IsOverride(string argument) => Assignment().IsMatch(argument);

    /// <summary>The arguments that are not overrides, and the overrides, each in the order given.</summary>
    public static (IReadOnlyList<string> Others, IReadOnlyList<string> Overrides) Split(IEnumerable<string> arguments)
    {
        var all = arguments.ToList();
        return (all.Where(a => !IsOverride(a)).ToList(), all.Where(IsOverride).ToList());
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*=")]
    private static partial Regex Assignment();
}
