using DlnLab.Experiments.Storage;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>Builds the stored record of a run from its spec and result.</summary>
internal static class StoredRuns
{
    public static StoredRun From(RunSpec run, string key, double stepsize, double? threshold, RunResult result, double? residual, double wallSeconds) =>
        Base(run, key, stepsize, threshold) with
        {
            Status = result.Status.ToString(),
            Steps = result.Steps,
            TrainLoss = result.TrainLoss,
            TestLoss = result.TestLoss,
            PopulationLoss = result.PopulationLoss,
            DistanceToBetaStar = result.DistanceToBetaStar,
            GainL1 = result.GainL1,
            Bounced = result.Bounced,
            MaxLossRise = result.MaxLossRise,
            SingularSteps = result.SingularSteps,
            MaxStepGradient = result.MaxStepGradient,
            Theorem22Residual = residual,
            WallSeconds = wallSeconds,
            Gain = result.Implicit.Gain,
            Beta = result.Beta,
            LnAlphaInfSquared = result.Implicit.LnAlphaInfSquared,
            BetaTilde0 = result.Implicit.BetaTilde0,
        };

    /// <summary>A relative-stepsize run whose configuration has no convergent stepsize: recorded, not trained.</summary>
    public static StoredRun WithoutTraining(RunSpec run, string key, double? threshold) => Base(run, key, double.NaN, threshold);

    private static StoredRun Base(RunSpec run, string key, double stepsize, double? threshold) => new()
    {
        Key = key, Sweep = run.Sweep, DatasetKey = run.DatasetKey, N = run.N, D = run.D, S = run.S, Noise = run.Noise,
        Nonzeros = run.Nonzeros.ToString(), NonzeroScale = run.NonzeroScale, Support = run.Support.ToString(),
        NTest = run.NTest, DataIndex = run.DataIndex, DataSeed = run.DataSeed, Alpha = run.Alpha,
        BatchSize = run.BatchSize, BatchMode = run.BatchMode.ToString(), Stepsize = stepsize,
        StepsizeFraction = run.StepsizeFraction, LargestConvergentStepsize = threshold, Repeat = run.Repeat,
        BatchSeed = run.BatchSeed, Tolerance = run.Tolerance, MaxSteps = run.MaxSteps,
        Status = ResultStore.NoConvergentStepsize, Steps = 0, TrainLoss = double.NaN, GainL1 = double.NaN,
        Bounced = false, MaxLossRise = double.NaN, SingularSteps = 0, MaxStepGradient = double.NaN,
        WallSeconds = 0, Gain = [], Beta = [], LnAlphaInfSquared = [], BetaTilde0 = [], SpecJson = run.CanonicalJson,
    };
}
