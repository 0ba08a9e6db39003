namespace DlnLab.Training;

/// <summary>
/// The stop rules on the training loss: converged at or below the tolerance, diverged when non-finite or above the
/// divergence factor times the initial loss; and the edge-of-stability flag, a rise above the bounce factor times the
/// running minimum before converging.
/// </summary>
internal sealed class LossMonitor
{
    private readonly double _bounceFactor;
    private double _runningMinimum = double.PositiveInfinity;

    public LossMonitor(double initialLoss, TrainingOptions options)
    {
        Tolerance = options.Tolerance;
        DivergenceLimit = options.DivergenceFactor * Math.Max(initialLoss, double.Epsilon);
        _bounceFactor = options.BounceFactor;
    }

    /// <summary>A loss at or below it has converged.</summary>
    internal double Tolerance { get; }
    /// <summary>A loss above it (or not finite) has diverged: the divergence factor times the initial loss.</summary>
    internal double DivergenceLimit { get; }
    public bool Bounced { get; private set; }
    /// <summary>The largest ratio of a loss to the running minimum before it (1 for a monotone loss).</summary>
    public double MaxRiseRatio { get; private set; } = 1;
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Takes the loss at some step; returns the status to stop with, or null to go on.</summary>
    public RunStatus? Observe(double loss)
    {
        LastLoss = loss;
        if (!double.IsFinite(loss) || loss > DivergenceLimit) return RunStatus.Diverged;
        if (_runningMinimum > 0 && loss > _runningMinimum)
        {
            double ratio = loss / _runningMinimum;
            if (ratio > MaxRiseRatio) MaxRiseRatio = ratio;
            if (ratio > _bounceFactor) Bounced = true;
        }
        if (loss < _runningMinimum) _runningMinimum = loss;
        return loss <= Tolerance ? RunStatus.Converged : null;
    }
}
