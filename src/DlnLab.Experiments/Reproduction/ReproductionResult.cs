using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Reproduction;

/// <summary>What `dln reproduce` produced: the figures, the report, the measured findings, run counts and wall time.</summary>
public sealed record ReproductionResult(
    IReadOnlyList<FigureOutput> Figures,
    ReportOutput Report,
    Findings? Findings,
    int RunsComputed,
    int RunsAlreadyStored,
    TimeSpan WallTime,
    string StorePath)
{
    /// <summary>The theory's predictions tested (figures 7 and 8, the stepsize thresholds); null when not measured.</summary>
    public TheoryFindings? Predictions { get; init; }

    /// <summary>Every finding sentence of the report's summary, in order.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];
}
