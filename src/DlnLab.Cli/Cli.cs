using System.CommandLine;

namespace DlnLab.Cli;

/// <summary>
/// The entry of `dln`: parses, runs the chosen command, and turns every failure into one line on stderr.
/// Exit codes: 0 done (whatever the run's status), 2 bad input (nothing computed or written), 1 an I/O fault (one line naming the file) or an unexpected failure.
/// </summary>
public static class Cli
{
    public const int Success = 0;
    public const int UnexpectedError = 1;
    public const int InvalidInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(DlnCommand.Create(), args, output, error);

    /// <summary>Runs any command tree under the same error handling (tests use it with commands that fail on purpose).</summary>
    internal static int Run(Command root, string[] args, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(args);
        if (ErrorReport.ForParseErrors(parsed) is string parseError)
        {
            error.WriteLine("dln: error: " + parseError);
            return InvalidInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (InvalidInputException e)
        {
            error.WriteLine("dln: error: " + ErrorReport.ForInvalidInput(e, parsed.CommandResult.Command));
            return InvalidInput;
        }
        catch (IOException e)
        {
            // A genuine I/O fault (a store locked, deleted or unreadable; a disk full): the file and the reason.
            error.WriteLine("dln: error: " + OneLine(e.Message));
            return UnexpectedError;
        }
        catch (Exception e)
        {
            error.WriteLine($"dln: unexpected error ({e.GetType().Name}): {OneLine(e.Message)}");
            return UnexpectedError;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
