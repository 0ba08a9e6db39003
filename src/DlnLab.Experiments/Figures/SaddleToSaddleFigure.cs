using System.Globalization;
using DlnLab.Theory;

namespace DlnLab.Experiments.Figures;

/// <summary>
/// GD at small alpha against Algorithm 1 (Pesme and Flammarion 2023), in rescaled time t~ = t / ln(1/alpha): the
/// training loss of every run with the predicted plateaus, then for each run the coordinates of beta (all of them for
/// d &lt;= 6, else those nonzero at some saddle) with the predicted saddles' values; the predicted jump times are vertical lines in every panel.
/// </summary>
internal static class SaddleToSaddleFigure
{
    /// <summary>The figure: the loss panel, then one panel of beta's coordinates per run.</summary>
    public static FigureSpec Figure(string name, SaddleSequence saddles, IReadOnlyList<SaddleRun> runs)
    {
        double end = runs.Max(r => r.Times[^1]);
        var jumps = saddles.Saddles.Skip(1)
            .Select((s, k) => new VerticalMarker(s.Time, string.Create(CultureInfo.InvariantCulture, $"jump {k + 1}: t~ = {s.Time:G4}"))).ToList();
        var loss = new PanelSpec
        {
            Title = "training loss",
            XLabel = "rescaled time t / ln(1/α)",
            YLabel = "L(β)",
            LogY = true,
            Series =
            [
                .. runs.Select((r, i) => new SeriesSpec($"GD, α = {Label(r.Alpha)}", r.Times, r.Result.Trajectory.Select(c => c.TrainLoss).ToList())
                    { Style = SeriesStyle.Line, PaletteIndex = i }),
                // A saddle whose loss is rounding (an interpolator's, below 1e-20 L(0)) has loss 0: not drawn on the log axis.
                Predicted("Algorithm 1: L(β^k)", saddles, end, s => s.Loss > 1e-20 * saddles.Saddles[0].Loss ? s.Loss : double.NaN)
                    with { PaletteIndex = FigurePalette.Count - 1 },
            ],
            VerticalMarkers = jumps,
            Legend = LegendPosition.LowerLeft,
        };
        // Every coordinate of a small problem; of a larger one, those nonzero at some saddle.
        int d = saddles.Limit.Length;
        var shown = d <= 6 ? Enumerable.Range(0, d).ToArray()
            : saddles.Saddles.SelectMany(s => s.Support).Distinct().Order().ToArray();
        var coordinates = runs.Select(r => new PanelSpec
        {
            Title = $"β at α = {Label(r.Alpha)} (lines), Algorithm 1's saddles (steps)",
            XLabel = "rescaled time t / ln(1/α)",
            YLabel = "β_i",
            Series =
            [
                .. shown.SelectMany((i, colour) => (SeriesSpec[])
                [
                    new SeriesSpec($"β_{i}", r.Times, r.Result.Trajectory.Select(c => c.Beta![i]).ToList()) { Style = SeriesStyle.Line, PaletteIndex = colour },
                    Predicted($"β^k_{i}", saddles, end, s => s.Beta[i]) with { PaletteIndex = colour },
                ]),
            ],
            VerticalMarkers = jumps,
            Legend = LegendPosition.UpperLeft,
        });
        return new FigureSpec { Name = name, Panels = [loss, .. coordinates], Columns = 2 };
    }

    /// <summary>A staircase through the saddles' values: value k from t_k to t_(k+1), the last up to <paramref name="end"/>.</summary>
    private static SeriesSpec Predicted(string name, SaddleSequence saddles, double end, Func<Saddle, double> value)
    {
        var s = saddles.Saddles;
        return new SeriesSpec(name, [.. s.Select(x => x.Time), Math.Max(end, s[^1].Time)], [.. s.Select(value), value(s[^1])])
            { Style = SeriesStyle.Steps };
    }

    /// <summary>alpha as 1E-30.</summary>
    public static string Label(double alpha) => alpha.ToString("0E+0", CultureInfo.InvariantCulture);
}
