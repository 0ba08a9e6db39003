using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>Trajectories with iterates: beta_k, the gain so far, the training loss and the sharpness at checkpoints.</summary>
public class TrajectoryTests
{
    private static readonly RegressionProblem Problem =
        SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 100, Seed = 4 });

    private static TrainingOptions Options(int b, double gamma) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 9, MaxSteps = 50_000, Tolerance = 1e-8,
        RecordIterates = true, CheckpointsPerDecade = 20,
    };

    private static void Bits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static void LastPointIsTheResult(RunResult r)
    {
        var last = r.Trajectory[^1];
        Assert.Equal(r.Steps, last.Step);
        Assert.Equal(r.TrainLoss, last.TrainLoss);
        Bits(r.Beta, last.Beta!);
        Bits(r.Implicit!.Gain, last.Gain!);
        Assert.True(last.Sharpness > 0);
        var arrays = TrajectoryArrays.From(r.Trajectory);
        Assert.Equal(r.Trajectory.Count, arrays.Count);
        Bits(r.Beta, arrays.Beta[^r.Beta.Length..]);
    }

    [Theory]
    [InlineData(1, 0.02)]
    [InlineData(5, 0.03)]
    [InlineData(20, 0.05)]
    public void TheLastPointIsTheFinalResultAndRecordingChangesNoBit(int b, double gamma)
    {
        var recorded = Trainer.Train(Problem, Options(b, gamma));
        LastPointIsTheResult(recorded);
        var plain = Trainer.Train(Problem, Options(b, gamma) with { RecordIterates = false });
        Assert.Equal(plain.Steps, recorded.Steps);
        Bits(plain.Beta, recorded.Beta);
        Bits(plain.Implicit!.Gain, recorded.Implicit!.Gain);
        Assert.All(plain.Trajectory, c => Assert.Null(c.Beta));
    }

    [Fact]
    public void LockstepRunsRecordTheSameTrajectoryAsTheirSingleRuns()
    {
        var runs = new[] { Options(20, 0.05), Options(20, 0.08), Options(1, 0.02) };
        var lockstep = LockstepTrainer.Train(Problem, runs);
        foreach (var r in lockstep) LastPointIsTheResult(r);
        // b = 1 lockstep is bit-identical to its single run, trajectory included.
        var single = Trainer.Train(Problem, runs[2]);
        Assert.Equal(single.Trajectory.Select(c => c.Step), lockstep[2].Trajectory.Select(c => c.Step));
        for (int c = 0; c < single.Trajectory.Count; c++)
        {
            Bits(single.Trajectory[c].Beta!, lockstep[2].Trajectory[c].Beta!);
            Bits(single.Trajectory[c].Gain!, lockstep[2].Trajectory[c].Gain!);
            Assert.Equal(single.Trajectory[c].Sharpness, lockstep[2].Trajectory[c].Sharpness);
        }
    }

    [Fact]
    public void TrajectoriesAreTheSameBitsOnAnyThreadCount()
    {
        var options = Enumerable.Range(0, 6).Select(i => Options(i % 2 == 0 ? 1 : 20, 0.01 + 0.01 * i)).ToArray();
        var one = Dln.TrainMany(Problem, options, threads: 1);
        var three = Dln.TrainMany(Problem, options, threads: 3);
        for (int i = 0; i < one.Length; i++)
        {
            var a = TrajectoryArrays.From(one[i].Trajectory);
            var b = TrajectoryArrays.From(three[i].Trajectory);
            Bits(a.Step, b.Step);
            Bits(a.TrainLoss, b.TrainLoss);
            Bits(a.Sharpness, b.Sharpness);
            Bits(a.Beta, b.Beta);
            Bits(a.Gain, b.Gain);
        }
    }

    [Fact]
    public void CheckpointsEveryKStepsFallOnMultiplesOfK()
    {
        var r = Trainer.Train(Problem, Options(20, 0.05) with { CheckpointEvery = 250 });
        Assert.All(r.Trajectory.SkipLast(1), c => Assert.Equal(0, c.Step % 250));
        Assert.Equal(Enumerable.Range(0, r.Trajectory.Count - 1).Select(i => 250L * i), r.Trajectory.SkipLast(1).Select(c => c.Step));
        Assert.Equal(r.Steps, r.Trajectory[^1].Step);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheSharpnessIsTheLargestEigenvalueOfTheFullHessian(int seed)
    {
        // A point off the interpolators: random positive w+, w-, so the residual term diag(g, -g) matters.
        var rng = new Random(seed);
        int n = 6, d = 9;
        var x = new Matrix(n, d);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = rng.NextDouble() * 2 - 1;
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var wp = Enumerable.Range(0, d).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var wm = Enumerable.Range(0, d).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var beta = wp.Zip(wm, (p, m) => (p * p - m * m) / 2).ToArray();
        var lnA = wp.Zip(wm, (p, m) => Math.Log(p * m)).ToArray();
        var u = wp.Zip(wm, (p, m) => (p + m) / Math.Sqrt(2)).ToArray();
        var v = wp.Zip(wm, (p, m) => (p - m) / Math.Sqrt(2)).ToArray();
        var r = MatrixOperations.Residual(x, beta, y);
        // Dense Hessian of F(u, v) = 1/(2n) ||X (u ⊙ v) - y||^2: (1/n) J^T J + [[0, diag g], [diag g, 0]], rows of J [x_i ⊙ v, x_i ⊙ u].
        var h = new Matrix(2 * d, 2 * d);
        for (int a = 0; a < 2 * d; a++)
            for (int c = 0; c < 2 * d; c++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    double ja = x[i, a % d] * (a < d ? v[a] : u[a - d]), jc = x[i, c % d] * (c < d ? v[c] : u[c - d]);
                    sum += ja * jc;
                }
                h[a, c] = sum / n;
            }
        for (int j = 0; j < d; j++)
        {
            double g = 0;
            for (int i = 0; i < n; i++) g += r[i] * x[i, j] / n;
            h[j, j + d] += g;
            h[j + d, j] += g;
        }
        double dense = SymmetricEigen.LargestEigenvalue(h);
        Assert.Equal(dense, Stability.SharpnessAtIterate(x, y, beta, lnA), 1e-9 * dense);
    }
}
