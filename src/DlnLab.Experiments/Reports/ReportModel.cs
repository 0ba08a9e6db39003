namespace DlnLab.Experiments.Reports;

/// <summary>Everything a reproduction report states: settings, provenance, run counts, the Theorem 2.2 check and figures.</summary>
public sealed record ReportModel
{
    /// <summary>Report heading.</summary>
    public required string Title { get; init; }

    /// <summary>Optional opening paragraph.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Settings table rows in display order, e.g. ("n", "20"), ("alpha", "0.1").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Sweep seeds the results came from.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [];

    /// <summary>Version of the software that produced the results (and, if known, its commit).</summary>
    public required string SoftwareVersion { get; init; }

    /// <summary>Wall time of the sweeps behind the report.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>Largest consistency-check residual over converged runs: the distance between a run's limit and the
    /// Bregman projection of its beta0~ with potential psi_{alpha_inf} (the Theorem 2.2 identity holds at every step, so
    /// this measures closeness to interpolation, MATH.md); null when no run converged.</summary>
    public double? LargestTheoremResidual { get; init; }

    /// <summary>When the report was produced; null leaves it out so identical inputs give identical files.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>Figures in display order.</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>Distinct runs behind the report (figures may share runs); default: the sum over figures.</summary>
    public int? DistinctRuns { get; init; }

    /// <summary>The run count shown in the provenance table.</summary>
    public int TotalRuns => DistinctRuns ?? Figures.Sum(f => f.Runs);
}
