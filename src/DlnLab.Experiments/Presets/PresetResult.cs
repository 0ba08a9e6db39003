using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Presets;

/// <summary>What `dln reproduce NAME` produced.</summary>
/// <param name="Figures">The rendered figures.</param>
/// <param name="Report">report.md and report.html.</param>
/// <param name="Findings">The sentences computed from the data.</param>
/// <param name="RunsComputed">Runs trained now.</param>
/// <param name="RunsAlreadyStored">Runs found in the store.</param>
/// <param name="WallTime">Wall time of the whole call.</param>
/// <param name="StorePath">The run store.</param>
/// <param name="SpecFiles">The resolved spec of each sweep, written beside the results.</param>
public sealed record PresetResult(
    IReadOnlyList<FigureOutput> Figures,
    ReportOutput Report,
    IReadOnlyList<string> Findings,
    int RunsComputed,
    int RunsAlreadyStored,
    TimeSpan WallTime,
    string StorePath,
    IReadOnlyList<string> SpecFiles);
