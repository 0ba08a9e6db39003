using Spectre.Console;

namespace DlnLab.Cli.Output;

/// <summary>A Spectre console on a given writer: ANSI colour only when that writer is the real, non-redirected stdout.</summary>
internal static class Terminal
{
    /// <summary>Whether <paramref name="output"/> is stdout or stderr on a terminal (not a file, a pipe or a test writer).</summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) ? !Console.IsOutputRedirected : ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected;

    public static IAnsiConsole For(TextWriter output)
    {
        bool interactive = IsInteractive(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // A file or pipe has no width; wide enough that summary lines are not wrapped.
        if (!interactive) console.Profile.Width = 160;
        return console;
    }
}
