using System.Diagnostics;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Counts what a sweep has done (thresholds found, bisection runs, runs stored by status) from any worker thread and
/// reports a <see cref="SweepProgress"/> after each change, in order (reports are made under one lock, so a sink sees
/// counts that never go back). Bisection runs are reported at most every <see cref="BisectionReportInterval"/>: they
/// can be thousands a second.
/// </summary>
internal sealed class SweepProgressTracker(string sweep, int total, int alreadyStored, int thresholdsTotal, Stopwatch clock,
    IProgress<SweepProgress>? sink)
{
    private static readonly TimeSpan BisectionReportInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private int _completed, _thresholdsDone, _completedAtRunPhase;
    private long _bisectionRuns;
    private TimeSpan _runPhaseStart, _lastBisectionReport;

    /// <summary>Runs stored by this tracker's sweep.</summary>
    public int Completed
    {
        get { lock (_gate) return _completed; }
    }

    /// <summary>Reports the counts as they are (the first report, before any work).</summary>
    public void Start()
    {
        lock (_gate) Report();
    }

    /// <summary>One training run of a bisection ended.</summary>
    public void BisectionRun()
    {
        lock (_gate)
        {
            _bisectionRuns++;
            if (clock.Elapsed - _lastBisectionReport < BisectionReportInterval) return;
            _lastBisectionReport = clock.Elapsed;
            Report();
        }
    }

    /// <summary>A threshold became known (bisected now or read from the store).</summary>
    public void ThresholdDone()
    {
        lock (_gate)
        {
            _thresholdsDone++;
            if (_thresholdsDone == thresholdsTotal)
            {
                _runPhaseStart = clock.Elapsed;
                _completedAtRunPhase = _completed;
            }
            Report();
        }
    }

    /// <summary>A run was stored with this stored status.</summary>
    public void RunStored(string status)
    {
        lock (_gate)
        {
            _completed++;
            string word = Words.Of(status);
            _statuses[word] = _statuses.GetValueOrDefault(word) + 1;
            Report();
        }
    }

    private void Report()
    {
        if (sink is null) return;
        var elapsed = clock.Elapsed;
        double runSeconds = (elapsed - _runPhaseStart).TotalSeconds;
        sink.Report(new SweepProgress
        {
            Sweep = sweep,
            Completed = _completed,
            Total = total,
            AlreadyStored = alreadyStored,
            Elapsed = elapsed,
            ThresholdsDone = _thresholdsDone,
            ThresholdsTotal = thresholdsTotal,
            BisectionRuns = _bisectionRuns,
            ThresholdsPerSecond = _thresholdsDone > 0 && elapsed > TimeSpan.Zero ? _thresholdsDone / elapsed.TotalSeconds : null,
            RunsPerSecond = _completed > _completedAtRunPhase && runSeconds > 0 ? (_completed - _completedAtRunPhase) / runSeconds : null,
            Statuses = Words.Statuses.Where(s => _statuses.ContainsKey(s.Word)).ToDictionary(s => s.Word, s => _statuses[s.Word]),
        });
    }
}
