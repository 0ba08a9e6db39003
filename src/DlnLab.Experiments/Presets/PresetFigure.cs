using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Presets;

/// <summary>One figure of a preset's page.</summary>
/// <param name="Figure">What to draw; its name starts with the preset's, e.g. "woodworth2020-fig1".</param>
/// <param name="Caption">What is plotted; the report appends the axes and the number of datasets, read from the figure
/// and its runs (<see cref="Reports.FigureCaption"/>).</param>
/// <param name="WhatItShows">What to look at, and the paper's claim under test.</param>
/// <param name="Runs">The runs the figure is drawn from (for the run and dataset counts).</param>
public sealed record PresetFigure(FigureSpec Figure, string Caption, string WhatItShows, IReadOnlyList<StoredRun> Runs);
