using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>The outcome of the bisection for the largest convergent stepsize.</summary>
/// <param name="Stepsize">The largest stepsize found to converge; NaN when even <see cref="ThresholdSettings.Low"/> did not.</param>
/// <param name="Found">Some stepsize in the bracket converged.</param>
/// <param name="HitCap">The cap <see cref="ThresholdSettings.High"/> itself converged: the true threshold may be larger.</param>
/// <param name="Evaluations">Training runs spent.</param>
/// <param name="SmallestFailure">The smallest stepsize seen not to converge (the upper end of the final bracket), NaN if none.</param>
public sealed record ThresholdResult(double Stepsize, bool Found, bool HitCap, int Evaluations, double SmallestFailure);

/// <summary>
/// Finds the largest constant stepsize whose run reaches <see cref="RunStatus.Converged"/> within the step budget:
/// halving down from the cap until a stepsize converges (large stepsizes diverge within a few steps, so this is cheap;
/// scanning from the top also skips the small stepsizes that merely exhaust the budget), then bisection in log scale
/// between that stepsize and its double. Deterministic: the same problem, options and settings give the same sequence
/// of trial runs. Where convergence is not monotone in the stepsize (an isolated convergent window), the bracket it
/// returns is still a pair (converges, does not converge) at relative distance <see cref="ThresholdSettings.Precision"/>.
/// </summary>
public static class LargestConvergentStepsize
{
    /// <summary>
    /// Bisects on <paramref name="options"/> with only the stepsize varied (its batch seed is kept);
    /// <paramref name="trained"/>, if given, is called after each training run (progress displays count them).
    /// </summary>
    public static ThresholdResult Find(PaddedDesign design, RegressionProblem problem, TrainingOptions options, ThresholdSettings settings,
        Action? trained = null) =>
        Search(gamma =>
        {
            bool converged = Trainer.Train(design, problem, options with { Stepsize = StepsizeSchedule.Constant(gamma), CheckpointsPerDecade = 0 })
                .Status == RunStatus.Converged;
            trained?.Invoke();
            return converged;
        }, settings);

    /// <summary>
    /// The search itself, on any test of convergence: the cap, then halving down to a convergent stepsize, then
    /// bisection in log scale. Benchmarks replay a sweep's trials through it.
    /// </summary>
    public static ThresholdResult Search(Func<double, bool> converges, ThresholdSettings settings)
    {
        settings.Validate();
        int evaluations = 0;
        bool Converges(double gamma)
        {
            evaluations++;
            return converges(gamma);
        }

        if (Converges(settings.High)) return new ThresholdResult(settings.High, true, true, evaluations, double.NaN);
        double hi = settings.High, lo = hi / 2;
        while (!Converges(lo))
        {
            hi = lo;
            lo /= 2;
            if (lo < settings.Low) return new ThresholdResult(double.NaN, false, false, evaluations, hi);
        }
        while (hi / lo > 1 + settings.Precision)
        {
            double mid = Math.Sqrt(lo * hi);
            if (mid <= lo || mid >= hi) break; // adjacent doubles: cannot split further
            if (Converges(mid)) lo = mid; else hi = mid;
        }
        return new ThresholdResult(lo, true, false, evaluations, hi);
    }

    /// <summary>Convenience overload that validates and pads the problem first.</summary>
    public static ThresholdResult Find(RegressionProblem problem, TrainingOptions options, ThresholdSettings settings)
    {
        problem.Validated();
        options.Validated(problem.N, problem.D);
        return Find(new PaddedDesign(problem.X, problem.Y), problem, options, settings);
    }
}
