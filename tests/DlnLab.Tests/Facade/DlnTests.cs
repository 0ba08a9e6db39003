using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Tests.Facade;

public class DlnTests
{
    private static readonly RegressionProblem Problem = Dln.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 100, Seed = 4 });

    private static TrainingOptions Options(int b, double gamma, ulong seed = 1) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = seed, MaxSteps = 50_000, Tolerance = 1e-8,
    };

    // Everything a run reports that could differ between two executions, bit for bit.
    private static string Fingerprint(RunResult r) => string.Join(' ',
        new[] { r.Status.ToString(), r.Steps.ToString(), r.SingularSteps.ToString(), r.Trajectory.Count.ToString() }
            .Concat(r.Beta.Append(r.TrainLoss).Append(r.MaxStepGradient).Concat(r.Implicit?.Gain ?? [])
                .Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x"))));

    private static List<TrainingOptions> Mixed() =>
    [
        Options(20, 0.02), Options(1, 0.01, seed: 3), Options(5, 0.015, seed: 2), Options(1, 0.01, seed: 4),
        Options(20, 0.005) with { Model = ModelSpec.Power(3), MaxSteps = 4000 }, Options(1, 0.02, seed: 9),
        Options(20, 0.01) with { U0 = ScaleOrVector.Uniform(0.3), V0 = ScaleOrVector.Uniform(0.1) },
    ];

    [Fact]
    public void GenerateDefaultsToTheReportsProblem()
    {
        var problem = Dln.Generate();
        var spec = new SparseRegressionSpec();
        Assert.Equal((spec.N, spec.D), (problem.N, problem.D));
        Assert.Equal(SparseRegression.Generate(spec).Y, problem.Y);
    }

    [Fact]
    public void TrainManyGivesEachRunsOwnBitsInInputOrderWhateverTheThreadCount()
    {
        var runs = Mixed();
        var alone = runs.Select(o => Fingerprint(Dln.Train(Problem, o))).ToArray();
        Assert.Equal(runs.Count, alone.Distinct().Count());
        foreach (int threads in new[] { 1, 2, 4, 0 })
            Assert.Equal(alone, Dln.TrainMany(Problem, runs, threads).Select(Fingerprint));
    }

    [Fact]
    public void TrainManyOverSeveralProblemsGivesEachRunTheBitsOfItsProblemAlone()
    {
        var other = Dln.Generate(new SparseRegressionSpec { N = 15, D = 40, S = 2, NTest = 50, Seed = 8 });
        var runs = Mixed().SelectMany(o => new[] { (Problem, o), (other, o with { BatchSize = Math.Min(o.BatchSize, other.N) }) }).ToList();
        var alone = runs.Select(r => Fingerprint(Dln.Train(r.Item1, r.Item2))).ToArray();
        foreach (int threads in new[] { 1, 3, 0 })
            Assert.Equal(alone, Dln.TrainMany(runs, threads).Select(Fingerprint));
        // A bad run on either problem is refused before any trains.
        Assert.Throws<InvalidInputException>(() => Dln.TrainMany([(Problem, Options(1, 0.01)), (other, Options(16, 0.01))]));
    }

    [Fact]
    public void ASeedRangeIsTheOptionsWithThoseBatchSeeds()
    {
        var options = Options(1, 0.02);
        var range = Dln.TrainMany(Problem, options, firstSeed: 10, count: 5, threads: 3);
        var explicitSeeds = Enumerable.Range(10, 5).Select(s => Fingerprint(Dln.Train(Problem, options with { Seed = (ulong)s })));
        Assert.Equal(explicitSeeds, range.Select(Fingerprint));
        Assert.Empty(Dln.TrainMany(Problem, options, firstSeed: ulong.MaxValue, count: 0));
        Assert.Throws<InvalidInputException>(() => Dln.TrainMany(Problem, options, firstSeed: ulong.MaxValue, count: 2));
    }

    [Fact]
    public void EveryRunIsValidatedBeforeAnyStarts()
    {
        var runs = Mixed();
        runs.Add(Options(21, 0.01));
        var e = Assert.Throws<InvalidInputException>(() => Dln.TrainMany(Problem, runs));
        Assert.Equal("batch-size", e.Field);
    }

    [Fact]
    public void ACancelledSweepThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Dln.TrainMany(Problem, Mixed(), 2, cancelled.Token));
    }

    [Fact]
    public void TheReferenceBackendAgreesWithThePreferredOne()
    {
        var options = Options(5, 0.01) with { MaxSteps = 3000 };
        var reference = Dln.Backends.Single(b => b.Name == "reference");
        var fast = Dln.Train(Problem, options);
        var textbook = Dln.Train(Problem, options, reference);
        Assert.Equal(fast.Steps, textbook.Steps);
        double scale = fast.Beta.Max(Math.Abs);
        for (int i = 0; i < fast.Beta.Length; i++) Assert.True(Math.Abs(fast.Beta[i] - textbook.Beta[i]) <= 1e-12 * scale);
        var power = Options(20, 0.005) with { Model = ModelSpec.Power(3), MaxSteps = 3000 };
        var fastPower = Dln.Train(Problem, power);
        var textbookPower = Dln.Train(Problem, power, reference);
        Assert.Equal(textbookPower.Steps, fastPower.Steps);
        double powerScale = fastPower.Beta.Max(Math.Abs);
        for (int i = 0; i < fastPower.Beta.Length; i++) Assert.True(Math.Abs(fastPower.Beta[i] - textbookPower.Beta[i]) <= 1e-12 * powerScale);
    }

    [Fact]
    public void InterpolatorsInterpolateAndFollowTheStart()
    {
        var l2 = Dln.MinimumL2(Problem);
        var l1 = Dln.MinimumL1(Problem);
        var flow = Dln.GradientFlow(Problem);
        var fromStart = Dln.GradientFlow(Problem, new TrainingOptions { Alpha = 0.1, U0 = ScaleOrVector.Uniform(0.5), V0 = ScaleOrVector.Uniform(0.2) });
        foreach (var beta in new[] { l2, l1.Beta, flow.Beta, fromStart.Beta })
            Assert.True(MatrixResidual(beta) < 1e-8);
        Assert.Equal(Interpolators.GradientFlow(Problem.X, Problem.Y, Enumerable.Repeat(0.1, 30).ToArray()).Beta, flow.Beta);
        Assert.True(l1.Beta.Sum(Math.Abs) <= flow.Beta.Sum(Math.Abs) + 1e-9);
        Assert.NotEqual(flow.Beta, fromStart.Beta);
        Assert.True(Dln.TryGradientFlow(Problem, new TrainingOptions { Model = ModelSpec.Power(3) }, out var power) && power.Converged);
    }

    [Fact]
    public void CheckComparesAConvergedRunWithTheorem22()
    {
        var options = Options(20, 0.02) with { MaxSteps = 1_000_000, Tolerance = 1e-12 };
        var run = Dln.Train(Problem, options);
        Assert.Equal(RunStatus.Converged, run.Status);
        var check = Dln.Check(Problem, run, options);
        Assert.True(check.Theorem22Residual < 1e-4, $"residual {check.Theorem22Residual}");
        Assert.True(check.DistanceToGradientFlow > check.Theorem22Residual);
        var powerOptions = new TrainingOptions { Model = ModelSpec.Power(2), BatchSize = 20, Stepsize = StepsizeSchedule.Constant(0.005), MaxSteps = 200_000 };
        var power = Dln.Train(Problem, powerOptions);
        Assert.Equal(RunStatus.Converged, power.Status);
        var powerCheck = Dln.Check(Problem, power, powerOptions);
        Assert.Null(powerCheck.Theorem22Residual);
        Assert.NotNull(powerCheck.DistanceToGradientFlow); // against the model's own (Q_2) interpolator
    }

    private static double MatrixResidual(double[] beta) =>
        Problem.X.Multiply(beta).Zip(Problem.Y, (p, y) => Math.Abs(p - y)).Max() / Problem.Y.Max(Math.Abs);
}
