namespace DlnLab.Experiments.Figures;

/// <summary>The layouts of the figures that test what the theory predicts (figures 7 and 8), built from already
/// summarised numbers; a figure never recomputes anything.</summary>
public static class TheoryFigures
{
    /// <summary>Figure 7: the relative distance between a run's limit and argmin psi_{alpha_inf} (beta0~ dropped) against
    /// stepsize (log-log), one series per algorithm, beside the same distance with beta0~ kept (the consistency check,
    /// drawn as lines: the floor set by how close the runs are to interpolation).</summary>
    public static FigureSpec PerturbationAgainstStepsize(IReadOnlyList<SeriesSpec> withoutPerturbation, IReadOnlyList<SeriesSpec> consistency,
        IReadOnlyList<VerticalMarker> largestConvergentStepsizes, string name = "fig7") =>
        FigureSpec.Single(name, new PanelSpec
        {
            Title = "β0~ dropped: distance of β∞ to argmin ψ_α∞",
            XLabel = "stepsize γ",
            YLabel = "‖β∞ − β_pred‖₂ / ‖β_pred‖₂",
            LogX = true,
            LogY = true,
            Series = [.. withoutPerturbation, .. consistency.Select(s => s with { Style = SeriesStyle.Line })],
            VerticalMarkers = largestConvergentStepsizes,
            Legend = LegendPosition.UpperLeft,
        });

    /// <summary>One stepsize's row of figure 8: per batch size, the measured and the predicted normalised shapes.</summary>
    /// <param name="At">The stepsize, for the panel titles (e.g. "γ = 0.002").</param>
    /// <param name="Panels">Per batch size: its name (e.g. "b = 5"), the measured shape (median and band over datasets),
    /// the predicted one (median over datasets) and the median cosine similarity between the two over runs.</param>
    public sealed record ShapeRow(string At, IReadOnlyList<(string Batch, SeriesSpec Measured, SeriesSpec Predicted, double Cosine)> Panels);

    /// <summary>
    /// Figure 8: one row per stepsize with a panel per batch size (measured normalised gain as markers with a band,
    /// E[g_B(beta_0)^2] normalised as a line, the median cosine similarity in the title); the last column holds the gain
    /// scale against batch size at the fixed stepsize (measured, predicted, and the linear law) and the cosine
    /// similarity against batch size for each row.
    /// </summary>
    public static FigureSpec GainShapePrediction(IReadOnlyList<ShapeRow> rows, IReadOnlyList<SeriesSpec> scale, string scaleAt,
        IReadOnlyList<SeriesSpec> cosines, IReadOnlyList<int> support, string name = "fig8")
    {
        int columns = rows.Count == 0 ? 1 : rows.Max(r => r.Panels.Count) + 1;
        var panels = new List<PanelSpec>();
        for (int row = 0; row < rows.Count; row++)
        {
            foreach (var (p, k) in rows[row].Panels.Select((p, k) => (p, k)))
                panels.Add(new PanelSpec
                {
                    Title = $"{p.Batch}, {rows[row].At}: cos {Cosine(p.Cosine)}",
                    XLabel = "coordinate i",
                    YLabel = "Gain_i / mean_j Gain_j",
                    CategoricalX = true,
                    Series = [p.Measured with { Style = SeriesStyle.Markers, PaletteIndex = 0 }, p.Predicted with { Style = SeriesStyle.Line, PaletteIndex = 1 }],
                    ShadedXRanges = support.Select(i => new ShadedXRange(i - 0.5, i + 0.5, "support of β*")).ToArray(),
                    Legend = row == 0 && k == 0 ? LegendPosition.UpperRight : LegendPosition.None,
                });
            for (int k = rows[row].Panels.Count + 1; k < columns; k++) panels.Add(new PanelSpec { XLabel = "", YLabel = "" });
            panels.Add(row == 0
                ? new PanelSpec
                {
                    Title = $"Scale of Gain against b, {scaleAt}",
                    XLabel = "batch size b", YLabel = "‖Gain_γ‖₁", LogX = true, LogY = true,
                    Series = scale.Select((s, i) => s with { PaletteIndex = s.PaletteIndex ?? i }).ToArray(),
                    Legend = LegendPosition.UpperRight,
                }
                : new PanelSpec
                {
                    Title = "Cosine: measured vs predicted shape",
                    XLabel = "batch size b", YLabel = "cosine similarity", LogX = true,
                    Series = cosines.Select((s, i) => s with { PaletteIndex = s.PaletteIndex ?? i }).ToArray(),
                    Legend = LegendPosition.LowerLeft,
                });
        }
        return new FigureSpec { Name = name, Panels = panels, Columns = columns, PanelWidth = 420, PanelHeight = 340 };
    }

    private static string Cosine(double c) => double.IsNaN(c) ? "not measured" : c.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
