namespace DlnLab.Training;

/// <summary>Log-spaced steps at which a run's trajectory is recorded: 0, 1, 2, ... then about <c>perDecade</c> per decade.</summary>
internal sealed class CheckpointSchedule
{
    private readonly int _perDecade;
    private int _index;

    public CheckpointSchedule(int perDecade)
    {
        _perDecade = perDecade;
        NextStep = 0;
    }

    /// <summary>The next step to record.</summary>
    public long NextStep { get; private set; }

    /// <summary>Moves past <see cref="NextStep"/> to the next log-spaced step strictly after it.</summary>
    public void Advance()
    {
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
