using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Tests.Reports;

/// <summary>Captions completed from the figure itself: its axes (log scales named) and the datasets counted from its runs.</summary>
public class FigureCaptionTests
{
    private static PanelSpec Panel(string x, string y, bool log) =>
        new() { XLabel = x, YLabel = y, LogX = log, LogY = log, Series = [new SeriesSpec("a", [1], [1])] };

    [Fact]
    public void OneKindOfPanelNamesItsAxesAndLogScales()
    {
        var figure = FigureSpec.Single("f", Panel("stepsize γ", "test loss", log: true));
        Assert.Equal("Plotted: x = stepsize γ (log scale), y = test loss (log scale).", FigureCaption.Axes(figure));
    }

    [Fact]
    public void SeveralKindsOfPanelEachCountTheirPanelsAndEmptyFillersAreLeftOut()
    {
        var figure = new FigureSpec
        {
            Name = "f",
            Panels = [Panel("coordinate i", "Gain_γ,i", log: false), Panel("coordinate i", "Gain_γ,i", log: false),
                new PanelSpec { XLabel = "", YLabel = "" }, Panel("stepsize γ", "‖Gain_γ‖₁", log: true)],
        };
        Assert.Equal("Plotted: x = coordinate i, y = Gainᵧ,ᵢ in 2 panels; x = stepsize γ (log scale), y = ‖Gainᵧ‖₁ (log scale) in 1 panel.",
            FigureCaption.Axes(figure));
    }

    [Fact]
    public void TheDatasetCountIsTheDistinctDatasetsOfTheRuns()
    {
        var figure = FigureSpec.Single("f", Panel("x", "y", log: false));
        string[] keys = ["d1", "d2", "d1", "d3"];
        Assert.Equal("Caption. Plotted: x = x, y = y. Over 3 datasets.", FigureCaption.Complete("Caption.", figure, keys));
        Assert.EndsWith("On 1 dataset.", FigureCaption.Complete("Caption.", figure, keys.Take(1)));
        Assert.Equal("Caption. Plotted: x = x, y = y.", FigureCaption.Complete("Caption.", figure, Array.Empty<string>()));
    }
}
