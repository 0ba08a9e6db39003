using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Presets;

/// <summary>One figure of a preset's page.</summary>
/// <param name="Figure">What to draw; its name starts with the preset's, e.g. "woodworth2020-fig1".</param>
/// <param name="Caption">What is plotted: x, y, and over how many datasets.</param>
/// <param name="WhatItShows">What to look at, and the paper's claim under test.</param>
/// <param name="Runs">The runs the figure is drawn from (for the run counts under it).</param>
public sealed record PresetFigure(FigureSpec Figure, string Caption, string WhatItShows, IReadOnlyList<StoredRun> Runs);
