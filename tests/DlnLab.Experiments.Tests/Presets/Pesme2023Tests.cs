using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Presets;
using DlnLab.Theory;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>The pesme2023 preset: its quick run's findings, and that they can come out the other way.</summary>
public sealed class Pesme2023Tests
{
    [Fact]
    public void QuickRunFindsThePlateausInThePredictedOrderWithGapsFallingAsAlphaFalls()
    {
        string dir = TestSweeps.TempDir();
        var result = PresetRunner.Run(new Pesme2023(), PresetSize.Quick, dir, threads: 2, overrides: []);
        Assert.Equal(Pesme2023.QuickAlphas.Count + 2, result.Findings.Count);
        for (int i = 0; i < Pesme2023.QuickAlphas.Count; i++) Assert.Contains("plateaus fall in the predicted order", result.Findings[i]);
        Assert.Contains("gap to the predicted jump times falls at every step", result.Findings[^2]);
        Assert.True(File.Exists(Path.Combine(dir, "pesme2023-fig1.png")));
        Assert.True(File.Exists(Path.Combine(dir, "pesme2023-fig1.csv")));
        string report = File.ReadAllText(result.Report.MarkdownPath);
        Assert.Contains("Saddle-to-saddle dynamics in diagonal linear networks", report);
        Assert.Contains("stepsize 0.02 (full: 0.005)", report);
    }

    [Fact]
    public void WrongPredictedTimesAreFoundOutOfOrder()
    {
        var (runs, saddles) = Pesme2023.Compute(Pesme2023.Fixture, [1e-30], Pesme2023.QuickStepsize, threads: 1, CancellationToken.None);
        // The same saddles with every jump time doubled: half-way along the second predicted plateau GD is already
        // on the third saddle.
        var doubled = new SaddleSequence(saddles.Saddles.Select(s => s with { Time = 2 * s.Time }).ToList());
        var minimumL1 = Dln.MinimumL1(Pesme2023.Fixture).Beta;
        var findings = Pesme2023.Findings(doubled, runs, minimumL1);
        Assert.Contains("do not fall in the predicted order", findings[0]);
        Assert.Contains("plateaus fall in the predicted order", Pesme2023.Findings(saddles, runs, minimumL1)[0]);
    }

    [Fact]
    public void TheTrendOfTheGapsDoesNotDependOnTheOrderOfTheRuns()
    {
        var (runs, saddles) = Pesme2023.Compute(Pesme2023.Fixture, [1e-10, 1e-30], Pesme2023.QuickStepsize, threads: 1, CancellationToken.None);
        var minimumL1 = Dln.MinimumL1(Pesme2023.Fixture).Beta;
        var inOrder = Pesme2023.Findings(saddles, runs, minimumL1);
        var reversed = Pesme2023.Findings(saddles, runs.Reverse().ToList(), minimumL1);
        Assert.Equal(inOrder[^2], reversed[^2]);
        Assert.Contains("With one alpha there is no trend", Pesme2023.Findings(saddles, runs.Take(1).ToList(), minimumL1)[^2]);
    }

    [Fact]
    public void TheFigureHasALossPanelAndOneCoordinatePanelPerAlpha()
    {
        var (runs, saddles) = Pesme2023.Compute(Pesme2023.Fixture, [1e-10, 1e-30], Pesme2023.QuickStepsize, threads: 2, CancellationToken.None);
        var figure = SaddleToSaddleFigure.Figure("pesme2023-fig1", saddles, runs);
        Assert.Equal(3, figure.Panels.Count);
    }

    [Fact]
    public void AKeyValueOverrideIsRefusedSinceThePresetHasNoSweep()
    {
        string dir = Path.Combine(TestSweeps.TempDir(), "out");
        var e = Assert.Throws<InvalidInputException>(() => PresetRunner.Run(new Pesme2023(), PresetSize.Quick, dir, threads: 1, overrides: ["training.alhpa=0.1"]));
        Assert.Contains("training.alhpa", e.Message);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void FullRunAddsTheRandomProblemWhosePlateausAlsoFallInThePredictedOrder()
    {
        string dir = TestSweeps.TempDir();
        var result = PresetRunner.Run(new Pesme2023(), PresetSize.Full, dir, threads: 2, overrides: []);
        Assert.Equal(2, result.Figures.Count);
        var random = result.Findings.Where(f => f.StartsWith("On the random problem: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Pesme2023.FullAlphas.Count + 2, random.Count);
        for (int i = 0; i < Pesme2023.FullAlphas.Count; i++) Assert.Contains("plateaus fall in the predicted order", random[i]);
        Assert.Contains("| where this run differs from --full (the paper's size) | nowhere |", File.ReadAllText(result.Report.MarkdownPath));
    }
}
