using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>Renders every figure layout from synthetic data into a fixed temp folder, to look at by eye.</summary>
public class FigureGalleryDemo
{
    /// <summary>Where the demo figures go: $TMPDIR/dlnlab-figure-demo.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "dlnlab-figure-demo");

    private static readonly string[] captions =
    [
        "Test loss at convergence against stepsize",
        "Shape and scale of Gain",
        "Distance of the limit to beta* against stepsize",
        "Effect of the batch size",
    ];

    [Fact]
    public void RendersAllFourLayoutsAndAReport()
    {
        var entries = new List<ReportFigure>();
        foreach (var (figure, caption) in SyntheticFigureData.AllFigures().Zip(captions))
        {
            FigureOutput output = FigureRenderer.Render(figure, Folder);
            entries.Add(ReportFigure.From(output, caption, "Synthetic numbers shaped like the expected result.", 100, 95));
            Assert.Empty(output.Warnings);
            Assert.True(new FileInfo(output.PngPath).Length > 20_000, $"{output.PngPath} is suspiciously small");
            Assert.True(new FileInfo(output.SvgPath).Length > 5_000);
        }
        Assert.Equal(["fig1.png", "fig2.png", "fig3.png", "fig4.png"],
            Directory.GetFiles(Folder, "fig*.png").Select(f => Path.GetFileName(f)!).Order().ToArray());

        ReportOutput report = ReportWriter.Write(new ReportModel
        {
            Title = "Demo report (synthetic data)",
            Settings = [new("n", "20"), new("d", "30"), new("s", "3"), new("alpha", "0.1")],
            Seeds = [1],
            SoftwareVersion = "demo",
            WallTime = TimeSpan.FromSeconds(12.5),
            LargestTheoremResidual = 1e-12,
            Figures = entries,
        }, Folder);
        Assert.Contains("fig4.png", File.ReadAllText(report.HtmlPath));
    }
}
