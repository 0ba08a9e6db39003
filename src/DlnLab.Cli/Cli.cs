using System.CommandLine;

namespace DlnLab.Cli;

/// <summary>
/// The entry of `dln`: parses, runs the chosen command, and turns every failure into one line on stderr.
/// Exit codes: 0 done (whatever the run's status), 2 bad input (nothing computed or written), 1 a fault of the file
/// system (one line naming the file and the reason) or an unexpected failure, 130 and 143 interrupted by SIGINT and SIGTERM.
/// </summary>
public static class Cli
{
    /// <summary>Exit code of a command that did its work (whatever the status of its runs).</summary>
    public const int Success = 0;
    /// <summary>Exit code of a fault of the file system or an unexpected failure.</summary>
    public const int UnexpectedError = 1;
    /// <summary>Exit code of bad input: nothing was computed or written.</summary>
    public const int InvalidInput = 2;

    /// <summary>Runs `dln` with <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(DlnCommand.Create(), args, output, error);

    /// <summary>Runs any command tree under the same error handling (tests use it with commands that fail on purpose).</summary>
    internal static int Run(Command root, string[] args, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(args);
        if (ErrorReport.ForParseErrors(parsed) is string parseError)
        {
            error.WriteLine("dln: error: " + OneLine(parseError));
            return InvalidInput;
        }
        try
        {
            // A configuration file and KEY=VALUE overrides become the options they set; the line is parsed again.
            if (Options.CommandConfig.Of(parsed.CommandResult.Command) is { } config && config.Expand(parsed, args) is var expanded && expanded != args)
            {
                parsed = root.Parse(expanded);
                if (ErrorReport.ForParseErrors(parsed) is string configError)
                {
                    bool fromConfig = expanded.Except(args).Any(a => a.StartsWith("--", StringComparison.Ordinal) && configError.StartsWith(a + ":", StringComparison.Ordinal));
                    error.WriteLine("dln: error: " + OneLine(configError) + (fromConfig ? " (set by --config or an override)" : ""));
                    return InvalidInput;
                }
            }
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (Unwrap(e) is InvalidInputException invalid)
        {
            error.WriteLine("dln: error: " + OneLine(ErrorReport.ForInvalidInput(invalid, parsed.CommandResult.Command)));
            return InvalidInput;
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            // A genuine I/O fault (a store locked, deleted or unreadable; a disk full; a read-only folder): the file and the reason.
            error.WriteLine("dln: error: " + OneLine(Unwrap(e).Message));
            return UnexpectedError;
        }
        catch (Exception e)
        {
            var inner = Unwrap(e);
            error.WriteLine($"dln: unexpected error ({inner.GetType().Name}): {OneLine(inner.Message)}");
            return UnexpectedError;
        }
    }

    // Parallel work reports its failure wrapped; the first inner exception is what went wrong.
    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return e;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
