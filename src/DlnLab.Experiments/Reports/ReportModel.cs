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

    /// <summary>Sweep seeds the results came from (every other seed derives from them).</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [];

    /// <summary>Every dataset's seed, by sweep; the report summarises them and writes the full list to
    /// <see cref="ReportWriter.SeedsFile"/>.</summary>
    public IReadOnlyList<DatasetSeed> DataSeeds { get; init; } = [];

    /// <summary>Version of the software that produced the results (and, if known, its commit).</summary>
    public required string SoftwareVersion { get; init; }

    /// <summary>The command line that produced the report; empty when it was produced from code.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Wall time of the whole call that wrote the report (training and drawing).</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>Wall time of this call's training (the sweeps), apart from drawing; null when not measured.</summary>
    public TimeSpan? TrainingWallTime { get; init; }

    /// <summary>Runs this call computed (the others were already stored); null when not known.</summary>
    public int? RunsComputed { get; init; }

    /// <summary>Each run's own training wall time as stored, summed over the runs behind the report, whenever they
    /// were computed (threads overlap, so this exceeds the wall time of a parallel sweep); null when not known.</summary>
    public double? StoredRunSeconds { get; init; }

    /// <summary>Largest consistency-check residual over converged runs: the distance between a run's limit and the
    /// Bregman projection of its beta0~ with potential psi_{alpha_inf} (the Theorem 2.2 identity holds at every step, so
    /// this measures closeness to interpolation, MATH.md); null when no run converged.</summary>
    public double? LargestTheoremResidual { get; init; }

    /// <summary>The converged runs <see cref="LargestTheoremResidual"/> is the largest over; null when not known.</summary>
    public int? ResidualRuns { get; init; }

    /// <summary>When the report was produced; null leaves it out so identical inputs give identical files.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>Figures in display order.</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>Distinct runs behind the report (figures may share runs); default: the sum over figures.</summary>
    public int? DistinctRuns { get; init; }

    /// <summary>The run count shown in the provenance table.</summary>
    public int TotalRuns => DistinctRuns ?? Figures.Sum(f => f.Runs);
}
