using DlnLab.Problems;
using DlnLab.Tests.Theory;
using DlnLab.Theory;
using DlnLab.Training;
using Xunit.Abstractions;

namespace DlnLab.Tests.Analysis;

/// <summary>
/// GD at alpha = 1e-60 on the saddle-to-saddle fixture against Algorithm 1 (<see cref="SaddleToSaddle"/>): its limit,
/// and its loss plateaus at the predicted heights, in the predicted order, at the predicted rescaled times.
/// </summary>
public class SaddleToSaddlePlateauTests(ITestOutputHelper output)
{
    private const double Alpha = 1e-60;
    private const double Gamma = 0.02;

    [Fact]
    public void GdAtTinyAlphaFollowsThePredictedSaddlesAndEndsAtTheMinimumL1Interpolator()
    {
        var problem = new RegressionProblem { X = SaddleToSaddleTests.FixtureX, Y = SaddleToSaddleTests.FixtureY };
        var options = new TrainingOptions
        {
            Alpha = Alpha, BatchSize = problem.N, Stepsize = StepsizeSchedule.Constant(Gamma), Tolerance = 1e-22,
            MaxSteps = 1_000_000, CheckpointEvery = 10, RecordIterates = true,
        };
        var run = Dln.Train(problem, options);
        Assert.Equal(RunStatus.Converged, run.Status);
        for (int i = 0; i < problem.D; i++) Assert.True(Math.Abs(run.Beta[i] - SaddleToSaddleTests.FixtureLimit[i]) < 1e-8, $"beta[{i}] = {run.Beta[i]:R}");

        var saddles = SaddleToSaddle.Compute(problem.X, problem.Y).Saddles;
        Assert.Equal(4, saddles.Count);
        double lnInverseAlpha = Math.Log(1 / Alpha);
        double Rescaled(Checkpoint c) => c.Step * Gamma / lnInverseAlpha;
        for (int k = 1; k < saddles.Count; k++)
        {
            // The measured jump: the first checkpoint where the loss has come half-way down from plateau k-1 to plateau k.
            var before = saddles[k - 1];
            double halfWay = (before.Loss + saddles[k].Loss) / 2;
            double measured = Rescaled(run.Trajectory.First(c => c.TrainLoss <= halfWay));
            // Tolerance. At t_k + delta the joining coordinate i has |s_i| = 1 + |g_i| delta, so it is about
            // alpha^(-2 |g_i| delta) / 2: it grows by a factor e per 1 / (2 |g_i| ln(1/alpha)) of rescaled time, and the
            // transition from one plateau to the next takes a few such e-folds (the growth slows as the gradient falls):
            // 10 of them bound it. GD's factor 1 - gamma g against the flow's exp(-gamma g) adds a relative time error of
            // at most gamma max|g| / 2 (|g| <= 1/2 here).
            double rate = 2 * Math.Abs(SaddleToSaddle.Gradient(problem.X, problem.Y, before.Beta)[saddles[k].Joined[0]]);
            double tolerance = 10 / (rate * lnInverseAlpha) + Gamma * 0.5 / 2 * saddles[k].Time;
            output.WriteLine($"jump {k}: predicted t~ = {saddles[k].Time:F4}, measured {measured:F4}, tolerance {tolerance:F4}");
            Assert.True(Math.Abs(measured - saddles[k].Time) <= tolerance,
                $"jump {k} measured at t~ = {measured:F4}, predicted {saddles[k].Time:F4} (tolerance {tolerance:F4})");
            // The tolerance is below half the gaps to the neighbouring jumps, so a plateau out of order cannot pass.
            Assert.True(tolerance < (saddles[k].Time - before.Time) / 2);
            if (k + 1 < saddles.Count) Assert.True(tolerance < (saddles[k + 1].Time - saddles[k].Time) / 2);
        }

        // Half-way along each plateau GD sits on its saddle: the coordinates off the support are of order
        // alpha^(2 (1 - |s_i|)) with s at that time (s_i decays from 1 for one that left); 100 times that bounds them.
        for (int k = 1; k + 1 < saddles.Count; k++)
        {
            double middle = (saddles[k].Time + saddles[k + 1].Time) / 2;
            var gradient = SaddleToSaddle.Gradient(problem.X, problem.Y, saddles[k].Beta);
            double largestOff = Enumerable.Range(0, problem.D).Where(i => saddles[k].Beta[i] == 0)
                .Max(i => Math.Abs(saddles[k].Dual[i] - (middle - saddles[k].Time) * gradient[i]));
            double bound = Math.Max(1e-12, 100 * Math.Pow(Alpha, 2 * (1 - largestOff)));
            var checkpoint = run.Trajectory.First(c => Rescaled(c) >= middle);
            double distance = TheoryFixtures.Norm(checkpoint.Beta!.Zip(saddles[k].Beta, (a, b) => a - b).ToArray());
            output.WriteLine($"plateau {k}: loss {checkpoint.TrainLoss:G6} against {saddles[k].Loss:G6}, ||beta - beta^k|| = {distance:G3} (bound {bound:G3})");
            Assert.True(distance <= bound, $"plateau {k}: ||beta - beta^k|| = {distance:G3} above {bound:G3}");
            Assert.True(Math.Abs(checkpoint.TrainLoss - saddles[k].Loss) <= 10 * bound * saddles[k].Loss + 1e-14);
        }
    }
}
