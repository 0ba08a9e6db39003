using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>Renders every figure layout from synthetic data into a fixed temp folder, to look at by eye.</summary>
public class FigureGalleryDemo
{
    /// <summary>Where the demo figures go: $TMPDIR/dlnlab-figure-demo.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "dlnlab-figure-demo");

    [Fact]
    public void RendersAllFourLayouts()
    {
        foreach (FigureSpec figure in SyntheticFigureData.AllFigures())
        {
            FigureOutput output = FigureRenderer.Render(figure, Folder);
            Assert.Empty(output.Warnings);
            Assert.True(new FileInfo(output.PngPath).Length > 20_000, $"{output.PngPath} is suspiciously small");
            Assert.True(new FileInfo(output.SvgPath).Length > 5_000);
        }
        Assert.Equal(["fig1.png", "fig2.png", "fig3.png", "fig4.png"],
            Directory.GetFiles(Folder, "fig*.png").Select(f => Path.GetFileName(f)!).Order().ToArray());
    }
}
