using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Tests.Reproduction;

/// <summary>
/// Figures 7 and 8 and the findings on the theory's predictions, on a small grid; each verdict is then fed stored runs
/// altered to contradict it, and must change.
/// </summary>
public class TheoryFindingsTests : IClassFixture<TheoryFindingsTests.Reproduced>
{
    private static readonly ReproductionSettings Small = new()
    {
        Datasets = 4,
        StepsizeFractions = [0.05, 1],
        ShapeFraction = 1,
        BatchSizes = [1, 5, 20],
        BatchSizeFractions = [1],
    };

    /// <summary>One reproduction of fig7 and fig8 shared by the tests, with its stored runs.</summary>
    public sealed class Reproduced : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("dln-reproduce-theory-").FullName;
        public ReproductionResult Result { get; }
        public IReadOnlyList<StoredRun> Stepsize { get; }
        public IReadOnlyList<StoredRun> Batch { get; }
        public IReadOnlyList<StoredRun> Shape { get; }

        public Reproduced()
        {
            Result = Reproducer.Run(Small, Folder, ["fig7", "fig8"]);
            using var store = ResultStore.Open(Result.StorePath);
            Stepsize = store.Runs(PaperSweeps.Stepsize);
            Batch = store.Runs(PaperSweeps.BatchSize);
            Shape = store.Runs(PaperSweeps.GainShape);
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private readonly Reproduced data;

    public TheoryFindingsTests(Reproduced data) => this.data = data;

    private TheoryFindings Measure(IEnumerable<StoredRun>? stepsize = null, IEnumerable<StoredRun>? batch = null, IEnumerable<StoredRun>? shape = null) =>
        TheoryFindings.Measure([.. stepsize ?? data.Stepsize], [.. batch ?? data.Batch], [.. shape ?? data.Shape], Small);

    [Fact]
    public void EveryRunOfTheSweepsCarriesItsPredictionChecks()
    {
        Assert.All(data.Shape.Concat(data.Batch).Concat(data.Stepsize).Where(RunGroups.Converged), r =>
        {
            Assert.NotNull(r.GainShapeCosine);
            Assert.NotNull(r.DistanceWithoutBetaTilde0);
        });
        foreach (var name in new[] { "fig7", "fig8" })
            foreach (var ext in new[] { ".png", ".svg", ".csv" })
                Assert.True(new FileInfo(Path.Combine(data.Folder, name + ext)).Length > 100, name + ext);
        string report = File.ReadAllText(data.Result.Report.MarkdownPath);
        Assert.Contains("fig7.png", report);
        Assert.Contains("Consistency check", report);
        Assert.DoesNotContain("Largest Theorem 2.2 residual", report);
        Assert.Contains(data.Result.Summary, s => s.StartsWith("Stepsize thresholds"));
    }

    [Fact]
    public void AtTheSmallStepsizeTheShapeAgreesAndTheVerdictTurnsWhenTheCosinesDoNot()
    {
        var f = data.Result.Predictions!;
        Assert.True(f.ShapeAgreesSmall.Majority, f.ShapeAgreesSmall.ToString());
        Assert.InRange(f.MedianCosineSmall, 0.95, 1);
        string Sentence(TheoryFindings t) => t.Figure("fig8")[0];
        Assert.Contains("at the small stepsize the prediction from the first iterates", Sentence(f));
        // The same runs with cosines that contradict the prediction.
        var contradicted = Measure(shape: data.Shape.Select(r => r with { GainShapeCosine = 0.5 }));
        Assert.Equal(0, contradicted.ShapeAgreesSmall.Holds);
        Assert.Contains("at the small stepsize the data contradict the prediction from the first iterates", Sentence(contradicted));
    }

    [Fact]
    public void TheScaleFactorVerdictFollowsTheMeasuredGains()
    {
        var f = data.Result.Predictions!;
        Assert.Equal(Small.Datasets, f.FactorNearPredicted.Of);
        Assert.True(f.FactorNearPredicted.Majority, $"measured {f.ScaleFactorMeasured}, predicted {f.ScaleFactorPredicted}");
        string Sentence(TheoryFindings t) => t.Figure("fig8")[1];
        Assert.Contains(f.FactorNearPredicted.Against("the prediction"), Sentence(f));
        // GD's gains made n times SGD's over n: the measured factor is then exactly n, which the prediction is not.
        var sgd = data.Shape.Where(r => r.BatchSize == 1).ToDictionary(r => r.DatasetKey, r => r.GainL1);
        var linear = Measure(shape: data.Shape.Select(r => r.BatchSize == Small.N ? r with { GainL1 = sgd[r.DatasetKey] / Small.N } : r));
        Assert.Equal(Small.N, linear.ScaleFactorMeasured, 1e-9);
        Assert.True(linear.FactorNearN.All);
        Assert.Contains("the report's factor n holds", Sentence(linear));
    }

    [Fact]
    public void TheReportsTestLossVerdictTurnsWhenGdAndSgdSwapTheirTestLosses()
    {
        string Sentence(Findings f) => f.Figure("fig1")[1];
        var measured = Findings.Measure(data.Stepsize, Small);
        Assert.True(measured.SgdTestLossBelowGd.All, measured.SgdTestLossBelowGd.ToString());
        Assert.EndsWith("the report's claim that SGD generalises better there holds.", Sentence(measured));
        // The same runs with each dataset's GD and SGD test losses exchanged: data that contradict the claim.
        var loss = data.Stepsize.ToDictionary(r => (r.DatasetKey, r.BatchSize, r.StepsizeFraction), r => r.TestLoss);
        int Other(StoredRun r) => r.BatchSize == 1 ? Small.N : 1;
        var swapped = Findings.Measure([.. data.Stepsize.Select(r => r with { TestLoss = loss[(r.DatasetKey, Other(r), r.StepsizeFraction)] })], Small);
        Assert.Equal(0, swapped.SgdTestLossBelowGd.Holds);
        Assert.EndsWith("the data contradict the report's claim that SGD generalises better there.", Sentence(swapped));
    }

    [Fact]
    public void TheBatchSizeSentenceFollowsTheTestLosses()
    {
        var measured = BatchSizeFindings.Measure(data.Batch, Small).Sentences().Single();
        // Test losses made to fall with b: each run gets 1 / b.
        var falling = BatchSizeFindings.Measure([.. data.Batch.Select(r => r with { TestLoss = 1.0 / r.BatchSize })], Small).Sentences().Single();
        Assert.Contains("the median test loss is 1, 0.2, 0.05 for b = 1, 5, 20, not rising with b at every step; b = 1 ends below b = n = 20 on 0 of", falling);
        var rising = BatchSizeFindings.Measure([.. data.Batch.Select(r => r with { TestLoss = r.BatchSize })], Small).Sentences().Single();
        Assert.Contains("rising with b at every step; b = 1 ends below b = n = 20 on 4 of 4 datasets", rising);
        Assert.StartsWith("At γ = γ_max the median test loss is", measured);
    }

    [Fact]
    public void TheNegligiblePerturbationVerdictFollowsTheDistances()
    {
        string Sentence(TheoryFindings t) => t.Figure("fig7")[0];
        var far = Measure(stepsize: data.Stepsize.Select(r => r with { DistanceWithoutBetaTilde0 = 0.5 }));
        Assert.Contains("for GD the data contradict the paper's claim that beta0~ is negligible", Sentence(far));
        var near = Measure(stepsize: data.Stepsize.Select(r => r with { DistanceWithoutBetaTilde0 = 1e-4 }));
        Assert.Contains("for GD the paper's claim that beta0~ is negligible holds", Sentence(near));
        Assert.Contains("for SGD it holds", Sentence(near));
    }
}
