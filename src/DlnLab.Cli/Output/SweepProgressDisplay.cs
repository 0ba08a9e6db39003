using System.Diagnostics;
using System.Globalization;
using DlnLab.Experiments.Sweeps;
using Spectre.Console;

namespace DlnLab.Cli.Output;

/// <summary>
/// Shows a sweep's progress: a live bar on an interactive terminal, otherwise plain lines (at most one per interval,
/// plus the last) that read well in a log file or a pipe.
/// </summary>
internal static class SweepProgressDisplay
{
    /// <summary>Runs <paramref name="body"/> with the progress sink that suits <paramref name="output"/> (none when quiet).</summary>
    public static T Run<T>(TextWriter output, bool quiet, TimeSpan interval, Func<IProgress<SweepProgress>?, T> body)
    {
        if (quiet) return body(null);
        if (!Terminal.IsInteractive(output)) return body(new PlainLines(output, interval));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => body(new LiveBar(context.AddTask("starting", maxValue: 1))));
    }

    /// <summary>"142/480 runs (12 stored before), 3.1 s elapsed, eta 7 s".</summary>
    public static string Line(SweepProgress p) =>
        $"{p.Completed}/{p.Total} runs ({p.AlreadyStored} stored before), {Seconds(p.Elapsed)} elapsed" +
        (p.Eta is TimeSpan eta && p.Completed < p.Total ? $", eta {Seconds(eta)}" : "");

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 10
        ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";

    // Reports come from worker threads, possibly out of order: the largest count seen wins.
    private sealed class PlainLines(TextWriter output, TimeSpan interval) : IProgress<SweepProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _sinceLine = new();
        private int _completed = -1;

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                if (value.Completed <= _completed || value.Total == 0) return;
                bool last = value.Completed == value.Total;
                bool first = _completed < 0;
                _completed = value.Completed;
                if (!first && !last && _sinceLine.Elapsed < interval) return;
                output.WriteLine(Line(value));
                output.Flush();
                _sinceLine.Restart();
            }
        }
    }

    private sealed class LiveBar(ProgressTask task) : IProgress<SweepProgress>
    {
        private readonly Lock _gate = new();
        private int _completed = -1;

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                if (value.Completed <= _completed) return;
                _completed = value.Completed;
                task.MaxValue = Math.Max(value.Total, 1);
                task.Value = value.Total == 0 ? 1 : value.Completed;
                task.Description = $"{value.Completed}/{value.Total} runs ({value.AlreadyStored} stored before)";
            }
        }
    }
}
