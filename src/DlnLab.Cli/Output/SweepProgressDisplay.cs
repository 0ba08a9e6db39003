using System.Globalization;
using System.Text;
using DlnLab.Experiments.Sweeps;
using Spectre.Console;

namespace DlnLab.Cli.Output;

/// <summary>
/// Shows a sweep's progress on standard error (standard output keeps the results): every phase (the bisections for
/// the largest convergent stepsizes, counted as such, then the runs), rates and estimates measured on the phase they
/// describe, and the runs by status. On an interactive terminal, live bars that stay on screen when done; otherwise
/// plain lines, one every interval whether or not anything moved, plus the first and the last of each sweep, that read
/// well in a log file or a pipe.
/// </summary>
internal static class SweepProgressDisplay
{
    /// <summary>Runs <paramref name="body"/> with the progress sink that suits <paramref name="error"/> (none when quiet).</summary>
    public static T Run<T>(TextWriter error, bool quiet, TimeSpan interval, Func<IProgress<SweepProgress>?, T> body)
    {
        if (quiet) return body(null);
        if (!Terminal.IsInteractive(error))
        {
            using var lines = new PlainLines(error, interval);
            return body(lines);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(context => body(new LiveBars(context)));
    }

    /// <summary>
    /// "fig1: 12/110 thresholds found (340 bisection runs, 2.1/s, eta 50 s); runs 0/480 (12 stored before); 3.1 s elapsed",
    /// then "fig1: runs 142/480 (12 stored before), 39.2 runs/s, eta 9 s: 130 converged, 12 diverged; 110/110 thresholds (2102 bisection runs); 7.6 s elapsed".
    /// </summary>
    public static string Line(SweepProgress p)
    {
        var line = new StringBuilder();
        if (p.Sweep.Length > 0) line.Append(p.Sweep).Append(": ");
        if (p.Bisecting) line.Append(Thresholds(p)).Append("; ").Append(Runs(p));
        else
        {
            line.Append(Runs(p));
            if (p.ThresholdsTotal > 0) line.Append("; ").Append(Thresholds(p));
        }
        return line.Append("; ").Append(Seconds(p.Elapsed)).Append(" elapsed").ToString();
    }

    /// <summary>"12/110 thresholds found (340 bisection runs, 2.1/s, eta 50 s)".</summary>
    public static string Thresholds(SweepProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.ThresholdsDone}/{p.ThresholdsTotal} thresholds found ({p.BisectionRuns} bisection runs") +
        (p.Bisecting ? (p.ThresholdsPerSecond is double r ? $", {Rate(r)}/s, eta {Eta(p.ThresholdEta)}" : ", eta measuring") : "") + ")";

    /// <summary>"runs 142/480 (12 stored before), 39.2 runs/s, eta 9 s: 130 converged, 12 diverged".</summary>
    public static string Runs(SweepProgress p)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"runs {p.Completed}/{p.Total} ({p.AlreadyStored} stored before)");
        if (p.Bisecting) return text + ", waiting for the thresholds";
        if (p.Completed < p.Total) text += p.RunsPerSecond is double r ? $", {Rate(r)} runs/s, eta {Eta(p.Eta)}" : ", eta measuring";
        else if (p.RunsPerSecond is double done) text += $", {Rate(done)} runs/s";
        return p.Statuses.Count == 0 ? text : text + ": " + string.Join(", ", p.Statuses.Select(s => $"{s.Value} {s.Key}"));
    }

    private static string Rate(double perSecond) => perSecond.ToString(perSecond < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Eta(TimeSpan? eta) => eta is TimeSpan t ? Seconds(t) : "measuring";

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 10
        ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";

    private static bool Done(SweepProgress p) => !p.Bisecting && p.Completed == p.Total;

    // Reports arrive in order (SweepProgressTracker reports under a lock); a timer writes the latest every interval.
    private sealed class PlainLines : IProgress<SweepProgress>, IDisposable
    {
        private readonly Lock _gate = new();
        private readonly TextWriter _output;
        private readonly TimeSpan _interval;
        private readonly Timer _timer;
        private readonly System.Diagnostics.Stopwatch _sinceLine = System.Diagnostics.Stopwatch.StartNew();
        private readonly System.Diagnostics.Stopwatch _sinceReport = System.Diagnostics.Stopwatch.StartNew();
        private SweepProgress? _latest;
        private bool _latestWritten;
        private string? _sweep;

        public PlainLines(TextWriter output, TimeSpan interval)
        {
            _output = output;
            _interval = interval;
            _timer = new Timer(_ => Tick(), null, interval, interval);
        }

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                bool first = value.Sweep != _sweep || _latest is null;
                _sweep = value.Sweep;
                _latest = value;
                _latestWritten = false;
                _sinceReport.Restart();
                if (first || Done(value) || _sinceLine.Elapsed >= _interval) Write();
            }
        }

        private void Tick()
        {
            lock (_gate)
            {
                if (_latest is null || _sinceLine.Elapsed < _interval * 0.9) return;
                // A sweep that is done has had its last line; a line that repeats it with more elapsed time would mislead.
                if (_latestWritten && Done(_latest)) return;
                Write();
            }
        }

        private void Write()
        {
            // A line written by the timer shows the time elapsed now, not at the last report.
            var p = _latest!;
            _output.WriteLine(Line(p with { Elapsed = p.Elapsed + _sinceReport.Elapsed }));
            _output.Flush();
            _latestWritten = true;
            _sinceLine.Restart();
        }

        public void Dispose()
        {
            _timer.Dispose();
        }
    }

    // One bar for a sweep's thresholds (when it has any) and one for its runs; finished bars stay on screen.
    private sealed class LiveBars(ProgressContext context) : IProgress<SweepProgress>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (ProgressTask? Thresholds, ProgressTask Runs)> _bars = new(StringComparer.Ordinal);

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                if (!_bars.TryGetValue(value.Sweep, out var bars))
                {
                    var thresholds = value.ThresholdsTotal > 0 ? context.AddTask("thresholds", maxValue: value.ThresholdsTotal) : null;
                    bars = (thresholds, context.AddTask("runs", maxValue: Math.Max(value.Total, 1)));
                    _bars[value.Sweep] = bars;
                }
                string prefix = value.Sweep.Length > 0 ? Markup.Escape(value.Sweep) + ": " : "";
                if (bars.Thresholds is { } t)
                {
                    t.Value = value.ThresholdsDone;
                    t.Description = prefix + Markup.Escape(Thresholds(value));
                }
                bars.Runs.Value = value.Total == 0 ? 1 : value.Completed;
                bars.Runs.Description = prefix + Markup.Escape(Runs(value)) +
                    (Done(value) ? Markup.Escape($" in {Seconds(value.Elapsed)}") : "");
            }
        }
    }
}
