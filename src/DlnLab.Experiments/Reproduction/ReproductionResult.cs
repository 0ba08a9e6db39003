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
    string StorePath);
