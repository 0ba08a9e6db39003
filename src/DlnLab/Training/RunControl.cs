namespace DlnLab.Training;

/// <summary>
/// One run's decisions, for every loop that advances runs (<see cref="TrainingLoop"/>, the lockstep groups of
/// <see cref="LockstepTrainer"/> and <see cref="SingleSampleLockstep"/>): the loss-check cadence (every step for GD,
/// <see cref="TrainingOptions.LossCheckInterval"/> or 16 ceil(n/b) steps otherwise), the checkpoint schedule, the stop
/// rules (<see cref="LossMonitor"/>, the step budget) and the trajectory. At step k a loop asks <see cref="NeedsLoss"/>,
/// then <see cref="At"/> with the loss when it was needed, records a checkpoint where the answer says so
/// (<see cref="Add"/>), and advances without a check up to <see cref="Until"/>.
/// </summary>
internal sealed class RunControl
{
    /// <summary>The most steps of one stretch between two checks of cancellation.</summary>
    private const long MostStepsPerStretch = 4096;
    /// <summary>About as many doubles as one stretch may touch.</summary>
    private const long WorkPerStretch = 1L << 24;

    private readonly bool _fullBatch;
    private readonly long _checkInterval;
    private long _nextLossCheck;

    /// <param name="options">The run's options (batch size, budget, stop rules, checkpoints).</param>
    /// <param name="n">The number of samples: b = n is GD, whose loss is checked at every step.</param>
    /// <param name="initialLoss">The loss at step 0, the base of the divergence limit.</param>
    public RunControl(TrainingOptions options, int n, double initialLoss)
    {
        int b = options.BatchSize;
        _fullBatch = b >= n;
        _checkInterval = _fullBatch ? 1 : options.LossCheckInterval > 0 ? options.LossCheckInterval : 16L * ((n + b - 1) / b);
        MaxSteps = options.MaxSteps;
        RecordIterates = options.RecordIterates;
        Monitor = new LossMonitor(initialLoss, options);
        Checkpoints = CheckpointSchedule.For(options);
    }

    /// <summary>The steps of one stretch between two checks of cancellation: a few thousand at most, and about 2^24 doubles touched.</summary>
    public static long StepsPerStretch(int batchSize, int stride) => Math.Clamp(WorkPerStretch / ((long)batchSize * stride), 1, MostStepsPerStretch);

    public long MaxSteps { get; }
    /// <summary>Whether a checkpoint holds the iterate and read-out as well.</summary>
    public bool RecordIterates { get; }
    public LossMonitor Monitor { get; }
    public CheckpointSchedule Checkpoints { get; }
    public List<Checkpoint> Trajectory { get; } = [];

    /// <summary>The next step with a check of anything but the loss: a checkpoint or the budget's end.</summary>
    public long QuietUntil => Math.Min(Checkpoints.NextStep, MaxSteps);

    /// <summary>Whether the run is full-batch (GD): its loss is observed at every step.</summary>
    public bool FullBatch => _fullBatch;

    /// <summary>
    /// <see cref="At"/> at a step k with nothing but the loss to check (GD, before <see cref="QuietUntil"/>): observes
    /// the loss and returns the monitor's verdict (null: go on). Where it is not null, the run stops at k, with a
    /// checkpoint, as <see cref="At"/> would have decided.
    /// </summary>
    public RunStatus? ObserveStep(long k, double loss)
    {
        _nextLossCheck = k + _checkInterval;
        return Monitor.Observe(loss, k);
    }

    /// <summary>Whether <see cref="At"/> needs the loss at step <paramref name="k"/>: a loss check, a checkpoint or the budget's end.</summary>
    public bool NeedsLoss(long k) => _fullBatch || k >= _nextLossCheck || k == Checkpoints.NextStep || k >= MaxSteps;

    /// <summary>
    /// The decisions at step <paramref name="k"/>, given its loss where <see cref="NeedsLoss"/> said so (else any
    /// value): the loss is observed at a loss check or a checkpoint; the run stops by the monitor's verdict, or at the
    /// budget's end; a checkpoint is recorded at a scheduled step and where the run stops.
    /// </summary>
    public RunDecision At(long k, double loss)
    {
        bool atCheckpoint = k == Checkpoints.NextStep;
        // A GD run whose quiet steps skipped this call is past its last loss check; its loss is checked at every step.
        bool lossCheck = k >= _nextLossCheck;
        if (lossCheck) _nextLossCheck = k + _checkInterval;
        RunStatus? stop = _fullBatch || atCheckpoint || lossCheck ? Monitor.Observe(loss, k) : null;
        if (stop is null && k >= MaxSteps) stop = Monitor.AtBudget();
        return new RunDecision(atCheckpoint || stop is not null, stop);
    }

    /// <summary>Adds the checkpoint of step <paramref name="k"/> that <see cref="At"/> asked for, and moves the schedule past a scheduled one.</summary>
    public void Add(long k, Checkpoint checkpoint)
    {
        Trajectory.Add(checkpoint);
        if (k == Checkpoints.NextStep) Checkpoints.Advance();
    }

    /// <summary>
    /// The step up to which the run may advance from <paramref name="k"/> without a check: its next loss check,
    /// checkpoint or budget end, and at most <paramref name="stretch"/> steps on (so that cancellation is checked).
    /// </summary>
    public long Until(long k, long stretch) =>
        Math.Min(Math.Min(_nextLossCheck, Checkpoints.NextStep), Math.Min(MaxSteps, k + stretch));
}

/// <summary>What a run does at a step: record a checkpoint, and stop with <see cref="Stop"/> when it is not null.</summary>
internal readonly record struct RunDecision(bool Record, RunStatus? Stop);
