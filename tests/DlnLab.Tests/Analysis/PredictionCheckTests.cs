using DlnLab.Analysis;
using DlnLab.Theory;
using DlnLab.Training;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Analysis;

/// <summary>
/// What the theory predicts from the first iterates (MATH.md, report section 3.2), checked on runs trained to a loss of
/// 1e-6 at alpha = 0.1 on (n, d, s) = (20, 30, 3): the shape of the gain is that of E[g_B(0)^2], and the scale ratio
/// between batch sizes is the ratio of its sums.
/// </summary>
public class PredictionCheckTests(ITestOutputHelper output)
{
    private static readonly ulong[] Datasets = [1, 2, 3];
    private static readonly int[] BatchSizes = [1, 5, 20];

    private static TrainingOptions Options(int b, double gamma) => new()
    {
        Alpha = 0.1, BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 11, Tolerance = 1e-6, MaxSteps = 4_000_000,
        CheckpointsPerDecade = 0,
    };

    // One training per dataset, batch size and stepsize, shared by the tests of this class.
    private static readonly Lazy<(ulong Seed, TrainingOptions Options, RunResult Run)[]> Runs = new(() =>
        Datasets.SelectMany(seed =>
        {
            var p = Problem(seed: seed);
            var options = BatchSizes.SelectMany(b => new[] { 5e-4, 2e-3 }.Select(g => Options(b, g))).ToArray();
            return Dln.TrainMany(p, options).Select((r, k) => (seed, options[k], r));
        }).ToArray());

    [Fact]
    public void AtSmallStepsizesTheGainHasThePredictedShapeOnEveryDataset()
    {
        foreach (var (seed, options, run) in Runs.Value)
        {
            Assert.Equal(RunStatus.Converged, run.Status);
            var check = PredictionCheck.Of(Problem(seed: seed), run, options);
            output.WriteLine($"data {seed}, b {options.BatchSize}, gamma {options.Stepsize}: cosine {check.GainShapeCosine:F4}, beta0~ dropped {check.DistanceWithoutPerturbation:E2}");
            Assert.True(check.GainShapeCosine > 0.95, $"data {seed}, b {options.BatchSize}: cosine {check.GainShapeCosine}");
            // At these stepsizes beta0~ is negligible: dropping it moves the predicted limit by well under 1%.
            Assert.InRange(check.DistanceWithoutPerturbation!.Value, 0, 1e-2);
            Assert.Equal(check, Dln.Check(Problem(seed: seed), run, options).Predictions);
        }
    }

    [Fact]
    public void TheScaleRatioBetweenSgdAndGdIsThePredictedOneWithinTwentyPercent()
    {
        foreach (ulong seed in Datasets)
        {
            var p = Problem(seed: seed);
            double Gain(int b) => Runs.Value.Single(r => r.Seed == seed && r.Options.BatchSize == b && r.Options.Stepsize.At(0) == 5e-4).Run.GainL1;
            double measured = Gain(1) / Gain(20);
            double predicted = GainShapePrediction.ScaleRatio(p.X, p.Y, 1, 20);
            output.WriteLine($"data {seed}: measured {measured:F2}, predicted {predicted:F2}, n = 20");
            Assert.InRange(measured / predicted, 0.8, 1.2);
        }
    }

    [Fact]
    public void TheShapeCheckFailsForAShapeThatIsNotTheGains()
    {
        // The other batch size's prediction is a different shape: the cosine with GD's gain drops.
        var (seed, options, run) = Runs.Value.First(r => r.Options.BatchSize == 20);
        var p = Problem(seed: seed);
        double own = GainShapePrediction.CosineSimilarity(run.Implicit!.Gain, PredictionCheck.PredictedShape(p, options));
        double other = GainShapePrediction.CosineSimilarity(run.Implicit.Gain, PredictionCheck.PredictedShape(p, options with { BatchSize = 1 }));
        output.WriteLine($"GD gain against E[g^2] for b = 20: {own:F4}, for b = 1: {other:F4}");
        Assert.True(other < own - 0.05, $"own {own}, other {other}");
    }

    [Fact]
    public void NoCheckForADivergedRun()
    {
        var p = Problem();
        var options = Options(p.N, 1.0) with { MaxSteps = 1000 };
        var run = Trainer.Train(p, options);
        Assert.Equal(RunStatus.Diverged, run.Status);
        var check = PredictionCheck.Of(p, run, options);
        Assert.Null(check.GainShapeCosine);
        Assert.Null(check.DistanceWithoutPerturbation);
    }
}
