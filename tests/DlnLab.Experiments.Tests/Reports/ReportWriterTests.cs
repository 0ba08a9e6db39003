using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Reports;

namespace DlnLab.Experiments.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dlnlab-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static ReportModel Model() => new()
    {
        Title = "Reproduction of Even et al. (2023)",
        Summary = "Noiseless Gaussian sparse regression.",
        Settings = [new("n", "20"), new("d", "30"), new("alpha", "0.1"), new("stepsizes", "1e-3 .. 1 (13, log-spaced)")],
        Seeds = [42, 18446744073709551615],
        SoftwareVersion = "0.1.0+abc123",
        WallTime = TimeSpan.FromSeconds(83.4),
        LargestTheoremResidual = 3.2e-13,
        Figures =
        [
            new ReportFigure("fig1", "Test loss against stepsize", "SGD generalises better as the stepsize grows.") { Runs = 520, ConvergedRuns = 500 },
            new ReportFigure("fig3", "Distance to beta* <GD | SGD>", "GD fails to recover beta*.") { Runs = 520, ConvergedRuns = 498, Warnings = ["panel 0, series 'GD': 2 point(s) not drawn"] },
        ],
    };

    [Fact]
    public void MarkdownEmbedsEachFigureAndStatesSettingsAndProvenance()
    {
        ReportOutput output = ReportWriter.Write(Model(), folder);
        string md = File.ReadAllText(output.MarkdownPath);

        Assert.Contains("# Reproduction of Even et al. (2023)", md);
        Assert.Contains("![Test loss against stepsize](fig1.png)", md);
        Assert.Contains("](fig3.png)", md);
        Assert.Contains("[SVG](fig1.svg)", md);
        Assert.Contains("[CSV of the plotted numbers](fig3.csv)", md);
        Assert.Contains("| n | 20 |", md);
        Assert.Contains("| alpha | 0.1 |", md);
        Assert.Contains("42, 18446744073709551615", md);
        Assert.Contains("0.1.0+abc123", md);
        Assert.Contains("| Runs | 1040 |", md);
        Assert.Contains("Runs: 520 (converged: 498)", md);
        Assert.Contains("1 min 23 s", md);
        Assert.Contains("3.2e-13", md);
        Assert.Contains("Not drawn: panel 0, series 'GD'", md);
        Assert.Contains("### Distance to beta* &lt;GD | SGD&gt;", md);
    }

    [Fact]
    public void HtmlIsOneEscapedPageWithEveryFigure()
    {
        ReportOutput output = ReportWriter.Write(Model(), folder);
        string html = File.ReadAllText(output.HtmlPath);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.Contains("<img src=\"fig1.png\"", html);
        Assert.Contains("<img src=\"fig3.png\"", html);
        Assert.Contains("href=\"fig3.csv\"", html);
        Assert.Contains("<th>alpha</th><td>0.1</td>", html);
        Assert.Contains("Distance to beta* &lt;GD | SGD&gt;", html);
        Assert.DoesNotContain("<GD", html);
        Assert.Contains("3.2e-13", html);
        Assert.Contains("<style>", html);
    }

    [Fact]
    public void MissingResidualSaysSoAndNoTempFilesRemain()
    {
        ReportOutput output = ReportWriter.Write(Model() with { LargestTheoremResidual = null, Figures = [] }, folder);
        Assert.Contains("no converged runs", File.ReadAllText(output.MarkdownPath));
        Assert.Equal(["report.html", "report.md"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    [Fact]
    public void ProvenanceSeparatesTrainingFromDrawingAndListsEverySeed()
    {
        var model = Model() with
        {
            Seeds = [7],
            CommandLine = "dln reproduce --out 'my results'",
            WallTime = TimeSpan.FromSeconds(10),
            TrainingWallTime = TimeSpan.FromSeconds(7.5),
            RunsComputed = 1000,
            StoredRunSeconds = 12.0,
            ResidualRuns = 998,
            DataSeeds = [new("stepsize", 3, 520), new("stepsize", ulong.MaxValue, 520), new("batch", 3, 10)],
        };
        ReportOutput output = ReportWriter.Write(model, folder);
        string md = File.ReadAllText(output.MarkdownPath);

        Assert.Contains("| Command line | dln reproduce --out 'my results' |", md);
        Assert.Contains("| Sweep seed | 7 |", md);
        Assert.Contains("| Dataset seeds | 2 distinct seeds, each in seeds.csv with its sweep and run count (derived from the sweep seed unless the spec lists them) |", md);
        Assert.Contains("| Runs | 1040 (1000 computed in this call, 40 already stored) |", md);
        Assert.Contains("| Training wall time | 7.5 s in this call; the stored training times of the runs behind the report sum to 12.0 s |", md);
        Assert.Contains("| Drawing wall time | 2.5 s (figures and findings, after training) |", md);
        Assert.Contains("over all 998 converged runs behind the report", md);
        Assert.DoesNotContain("| Wall time |", md);
        Assert.Equal("sweep,data_seed,runs\nstepsize,3,520\nstepsize,18446744073709551615,520\nbatch,3,10\n",
            File.ReadAllText(Path.Combine(folder, ReportWriter.SeedsFile)));
        Assert.Contains("<th>Command line</th><td>dln reproduce --out &#39;my results&#39;</td>", File.ReadAllText(output.HtmlPath));
    }

    [Fact]
    public void SameModelGivesIdenticalFiles()
    {
        ReportOutput first = ReportWriter.Write(Model(), folder);
        string md = File.ReadAllText(first.MarkdownPath), html = File.ReadAllText(first.HtmlPath);
        ReportOutput second = ReportWriter.Write(Model(), folder);
        Assert.Equal(md, File.ReadAllText(second.MarkdownPath));
        Assert.Equal(html, File.ReadAllText(second.HtmlPath));
    }

    [Fact]
    public void DuplicateFigureNamesAreRejected()
    {
        var model = Model() with { Figures = [new ReportFigure("fig1", "a", "b"), new ReportFigure("fig1", "c", "d")] };
        Assert.Contains("'fig1' appears 2 times", Assert.Throws<ArgumentException>(() => ReportWriter.Write(model, folder)).Message);
    }

    [Fact]
    public void FromFigureOutputTakesFileNamesAndWarnings()
    {
        var output = new FigureOutput("/x/fig2.png", "/x/fig2.svg", "/x/fig2.csv", [], 3, 0, ["w"]);
        ReportFigure figure = ReportFigure.From(output, "cap", "what", 10, 9);
        Assert.Equal(("fig2", "fig2.png", "fig2.svg", "fig2.csv"), (figure.Name, figure.PngFile, figure.SvgFile, figure.CsvFile));
        Assert.Equal(["w"], figure.Warnings);
    }
}
