namespace DlnLab.Training;

/// <summary>
/// The stop rules on the training loss: converged at or below the tolerance, diverged when non-finite or above the
/// divergence factor times the initial loss; and the edge-of-stability flag, a rise above the bounce factor times the
/// running minimum before converging; and, for a run that reaches its step budget, whether it was oscillating
/// (<see cref="RunStatus.Oscillating"/>).
/// </summary>
internal sealed class LossMonitor
{
    private readonly double _bounceFactor;
    private readonly long _windowStart;
    private double _runningMinimum = double.PositiveInfinity;
    private double _minimumAtFirstRise = double.NaN;
    private long _windowRises;

    /// <summary>The fewest rises above the running minimum in the last quarter of the budget that make a run oscillating.</summary>
    public const int OscillationRises = 4;
    /// <summary>An oscillating run's running minimum fell by less than this factor from its first rise in the last quarter to the end.</summary>
    public const double OscillationProgress = 1.1;

    public LossMonitor(double initialLoss, TrainingOptions options)
    {
        Tolerance = options.Tolerance;
        DivergenceLimit = options.DivergenceFactor * Math.Max(initialLoss, double.Epsilon);
        _bounceFactor = options.BounceFactor;
        _windowStart = options.MaxSteps - options.MaxSteps / 4;
    }

    /// <summary>A loss at or below it has converged.</summary>
    internal double Tolerance { get; }
    /// <summary>A loss above it (or not finite) has diverged: the divergence factor times the initial loss.</summary>
    internal double DivergenceLimit { get; }
    public bool Bounced { get; private set; }
    /// <summary>The largest ratio of a loss to the running minimum before it (1 for a monotone loss).</summary>
    public double MaxRiseRatio { get; private set; } = 1;
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>
    /// Takes the loss at step <paramref name="step"/>; returns the status to stop with, or null to go on. A loss at or
    /// below the running minimum may be given at a later step (the lockstep trainer's catch-up): only rises count by step.
    /// </summary>
    public RunStatus? Observe(double loss, long step)
    {
        LastLoss = loss;
        if (!double.IsFinite(loss) || loss > DivergenceLimit) return RunStatus.Diverged;
        if (_runningMinimum > 0 && loss > _runningMinimum)
        {
            if (step >= _windowStart)
            {
                if (_windowRises == 0) _minimumAtFirstRise = _runningMinimum;
                _windowRises++;
            }
            double ratio = loss / _runningMinimum;
            if (ratio > MaxRiseRatio) MaxRiseRatio = ratio;
            if (ratio > _bounceFactor) Bounced = true;
        }
        if (loss < _runningMinimum) _runningMinimum = loss;
        return loss <= Tolerance ? RunStatus.Converged : null;
    }

    /// <summary>
    /// The status of a run stopped by its step budget: <see cref="RunStatus.Oscillating"/> when its loss rose above the
    /// running minimum at least <see cref="OscillationRises"/> times at steps in the last quarter of the budget
    /// (k >= K - floor(K/4)) and the running minimum at the end is more than 1/<see cref="OscillationProgress"/> of the
    /// running minimum at the first of those rises; <see cref="RunStatus.BudgetExhausted"/> otherwise.
    /// </summary>
    public RunStatus AtBudget() =>
        _windowRises >= OscillationRises && _runningMinimum * OscillationProgress > _minimumAtFirstRise
            ? RunStatus.Oscillating : RunStatus.BudgetExhausted;
}
