namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Progress of a sweep, reported as it moves: first the largest convergent stepsizes of its relative-stepsize
/// configurations (each found by a bisection of training runs), then its runs. Rates and estimates are measured on
/// the phase they describe (never extrapolated from another phase's time) and are null until the phase has measured
/// something.
/// </summary>
public sealed record SweepProgress
{
    /// <summary>Name of the sweep.</summary>
    public string Sweep { get; init; } = "";
    /// <summary>Runs computed and stored by this invocation.</summary>
    public required int Completed { get; init; }
    /// <summary>Runs this invocation has to compute (those not already in the store).</summary>
    public required int Total { get; init; }
    /// <summary>Runs of the sweep found in the store at the start and skipped.</summary>
    public required int AlreadyStored { get; init; }
    /// <summary>Wall time since the sweep started.</summary>
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Largest convergent stepsizes known so far (bisected now or read from the store), of <see cref="ThresholdsTotal"/>.</summary>
    public int ThresholdsDone { get; init; }
    /// <summary>Largest convergent stepsizes the pending runs need.</summary>
    public int ThresholdsTotal { get; init; }
    /// <summary>Training runs spent so far by the bisections (not counted in <see cref="Completed"/>: they are not stored as runs).</summary>
    public long BisectionRuns { get; init; }
    /// <summary>Thresholds found per second, over the time since the sweep started; null before the first.</summary>
    public double? ThresholdsPerSecond { get; init; }
    /// <summary>Runs stored per second since the last threshold was found (the runs stored meanwhile only), or since the start when none is needed; null before the first.</summary>
    public double? RunsPerSecond { get; init; }
    /// <summary>Computed runs by status word (<see cref="Words.Statuses"/>), those with no run left out.</summary>
    public IReadOnlyDictionary<string, int> Statuses { get; init; } = new Dictionary<string, int>();

    /// <summary>Whether thresholds are still being bisected.</summary>
    public bool Bisecting => ThresholdsDone < ThresholdsTotal;

    /// <summary>Time left for the thresholds at their measured rate; null when none is left to find or none was found yet.</summary>
    public TimeSpan? ThresholdEta => Bisecting && ThresholdsPerSecond is double r && r > 0 ? TimeSpan.FromSeconds((ThresholdsTotal - ThresholdsDone) / r) : null;

    /// <summary>Time left for the runs at their measured rate, once no threshold is left to find; null before that or before the first run.</summary>
    public TimeSpan? Eta => !Bisecting && RunsPerSecond is double r && r > 0 ? TimeSpan.FromSeconds((Total - Completed) / r) : null;

    /// <summary>Completed over Total, in [0, 1] (1 when there is nothing to compute).</summary>
    public double Fraction => Total == 0 ? 1 : (double)Completed / Total;
}
