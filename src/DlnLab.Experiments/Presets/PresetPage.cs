namespace DlnLab.Experiments.Presets;

/// <summary>What a preset draws: its figures, and findings computed from the data (each can come out either way).</summary>
/// <param name="Figures">Figures in display order.</param>
/// <param name="Findings">Sentences stating what the runs show.</param>
public sealed record PresetPage(IReadOnlyList<PresetFigure> Figures, IReadOnlyList<string> Findings);
