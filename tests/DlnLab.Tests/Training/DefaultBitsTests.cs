using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>
/// The report's start u0 = sqrt(2) alpha, v0 = 0 keeps the bits it had before the engine knew other models: FNV-1a
/// hashes of beta and of the gain (their IEEE bits, little endian) as `dln train --json` printed them then.
/// </summary>
public class DefaultBitsTests
{
    [Theory]
    [InlineData(20, 30, 1, 0.02, 100_000, 37760, 0x39d4d0a74ef6392fUL, 0x2e4f8db267120a1fUL)]
    [InlineData(20, 30, 5, 0.02, 100_000, 31168, 0xa25d44ac64dd2934UL, 0xe79197dbe5fc10f9UL)]
    [InlineData(20, 30, 20, 0.05, 100_000, 12052, 0xa2103e71a959bfdaUL, 0x6749cfff5b7d1222UL)]
    [InlineData(30, 100, 1, 0.005, 20_000, 13920, 0x4dd4aeaa0caf6031UL, 0x1834c79db4d6ffaaUL)]
    public void TheReportsStartGivesTheSameBitsAsBefore(int n, int d, int b, double gamma, long maxSteps, long steps, ulong betaHash, ulong gainHash)
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d });
        var r = Trainer.Train(p, new TrainingOptions { BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), MaxSteps = maxSteps });
        Assert.Equal(steps, r.Steps);
        Assert.Equal(betaHash, Fnv(r.Beta));
        Assert.Equal(gainHash, Fnv(r.Implicit!.Gain));
    }

    private static ulong Fnv(double[] values)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (double v in values)
            foreach (byte x in BitConverter.GetBytes(v))
                h = (h ^ x) * 0x100000001b3UL;
        return h;
    }
}
