using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Presets;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>The presets' curves of computed values: median and quartiles per x, no point on a minority of finite values.</summary>
public sealed class PresetSeriesTests
{
    [Fact]
    public void Points_are_medians_with_quartiles_in_increasing_x_and_need_half_of_their_values_finite()
    {
        var series = PresetSeries.Summary("curve", 2, SeriesStyle.Line,
        [
            (10, 1), (10, 3), (10, 2), (10, 4), (10, 5),
            (1, 8), (1, double.NaN), (1, 6),
            (5, double.NaN), (5, double.NaN), (5, 1),
        ]);
        Assert.Equal([1.0, 5, 10], series.Xs);
        Assert.Equal(7, series.Ys[0]);
        Assert.True(double.IsNaN(series.Ys[1]));
        Assert.Equal(3, series.Ys[2]);
        Assert.Equal([6.5, double.NaN, 2], series.Lower!);
        Assert.Equal([7.5, double.NaN, 4], series.Upper!);
        Assert.Equal((2, SeriesStyle.Line), (series.PaletteIndex, series.Style));
    }
}
