namespace DlnLab.Training;

/// <summary>
/// Steps at which a run's trajectory is recorded: log-spaced (0, 1, 2, ... then about <c>perDecade</c> per decade), or
/// every <c>every</c> steps when it is positive.
/// </summary>
internal sealed class CheckpointSchedule
{
    private readonly int _perDecade;
    private readonly long _every;
    private int _index;

    public CheckpointSchedule(int perDecade, long every = 0)
    {
        _perDecade = perDecade;
        _every = every;
        NextStep = 0;
    }

    /// <summary>The schedule of a run's options.</summary>
    public static CheckpointSchedule For(TrainingOptions options) => new(options.CheckpointsPerDecade, options.CheckpointEvery);

    /// <summary>The next step to record.</summary>
    public long NextStep { get; private set; }

    /// <summary>Moves past <see cref="NextStep"/> to the next log-spaced step strictly after it.</summary>
    public void Advance()
    {
        if (_every > 0) { NextStep = NextStep > long.MaxValue - _every ? long.MaxValue : NextStep + _every; return; }
        if (_perDecade == 0) { NextStep = long.MaxValue; return; }
        long previous = NextStep;
        while (true)
        {
            _index++;
            long candidate = (long)Math.Round(Math.Pow(10, _index / (double)_perDecade));
            if (candidate > previous) { NextStep = candidate; return; }
        }
    }
}
