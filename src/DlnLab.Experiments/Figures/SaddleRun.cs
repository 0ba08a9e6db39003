using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Experiments.Figures;

/// <summary>
/// One GD run from the report's start at a small alpha, with its trajectory in rescaled time t~ = k gamma / ln(1/alpha)
/// (the time of Algorithm 1, <see cref="SaddleToSaddle"/>), and what it is measured against: where its loss passes
/// half-way between consecutive predicted plateaus.
/// </summary>
/// <param name="Alpha">The initialisation scale.</param>
/// <param name="Gamma">The constant stepsize.</param>
/// <param name="Result">The run, recording iterates at evenly spaced checkpoints.</param>
internal sealed record SaddleRun(double Alpha, double Gamma, RunResult Result)
{
    /// <summary>Checkpoints per run the trajectory is recorded at (evenly spaced in steps).</summary>
    public const int Checkpoints = 1000;

    /// <summary>The options of a run of GD up to rescaled time <paramref name="horizon"/> (the whole budget: tolerance 0).</summary>
    public static TrainingOptions Options(RegressionProblem problem, double alpha, double gamma, double horizon)
    {
        long steps = (long)Math.Ceiling(horizon * Math.Log(1 / alpha) / gamma);
        return new TrainingOptions
        {
            Alpha = alpha, BatchSize = problem.N, Stepsize = StepsizeSchedule.Constant(gamma), Tolerance = 0, MaxSteps = steps,
            CheckpointEvery = Math.Max(1, steps / Checkpoints), RecordIterates = true,
        };
    }

    /// <summary>The rescaled time of each checkpoint.</summary>
    public double[] Times => Result.Trajectory.Select(c => c.Step * Gamma / Math.Log(1 / Alpha)).ToArray();

    /// <summary>
    /// For each jump k >= 1 of <paramref name="saddles"/>, the first rescaled time at which the loss is at or below
    /// (L(beta^(k-1)) + L(beta^k)) / 2; NaN if it never gets there.
    /// </summary>
    public double[] HalfWayTimes(SaddleSequence saddles)
    {
        var times = Times;
        var s = saddles.Saddles;
        return Enumerable.Range(1, s.Count - 1).Select(k =>
        {
            double halfWay = (s[k - 1].Loss + s[k].Loss) / 2;
            int at = Result.Trajectory.ToList().FindIndex(c => c.TrainLoss <= halfWay);
            return at < 0 ? double.NaN : times[at];
        }).ToArray();
    }

    /// <summary>
    /// For each plateau between two jumps, the index of the saddle whose loss is nearest (in log) to the run's loss
    /// half-way along it: the plateaus come in the predicted order when this is 1, 2, ..., K - 1.
    /// </summary>
    public int[] PlateauSaddles(SaddleSequence saddles)
    {
        var times = Times;
        var s = saddles.Saddles;
        return Enumerable.Range(1, s.Count - 2).Select(k =>
        {
            double middle = (s[k].Time + s[k + 1].Time) / 2;
            int at = Array.FindIndex(times, t => t >= middle);
            if (at < 0) return -1;
            double loss = Result.Trajectory[at].TrainLoss;
            return Enumerable.Range(0, s.Count).MinBy(j => Math.Abs(Math.Log(Math.Max(s[j].Loss, 1e-300)) - Math.Log(Math.Max(loss, 1e-300))));
        }).ToArray();
    }
}
