using System.CommandLine;
using System.Globalization;
using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Cli.Options;

/// <summary>
/// One option per <see cref="TrainingOptions"/> field. Defaults are read off the core's record, and the range rules
/// are the core's <see cref="TrainingOptions.Validated"/>; the text of alpha, u0, v0 and the batch size is read by the
/// core's <see cref="SpecText"/> (which the native library reads too), so both give the same values and messages.
/// </summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions Defaults = new();

    public Option<string> Model { get; } = CliOption.Text("--model", Defaults.Model.ToString(),
        "The parametrisation: uv (beta = u * v) or power:D (beta = w+^D - w-^D from w+ = w- = alpha, D an integer in [2, 64]; " +
        "its runs report beta and losses, not the uv gain or alpha_inf).",
        "MODEL");
    public Option<string> Alpha { get; } = CliOption.Text("--alpha", Format(Defaults.Alpha),
        "Initialisation scale alpha > 0 (u0 = sqrt(2) alpha, v0 = 0; w+ = w- = alpha for power:D): one number, or d comma-separated numbers, one per coordinate.",
        "ALPHA");
    public Option<string?> U0 { get; } = CliOption.OptionalText("--u0",
        "For uv: the initial u, one number or d comma-separated numbers (u0 = v0 on a coordinate is allowed: beta keeps one sign there). [default: sqrt(2) alpha]",
        "U0");
    public Option<string?> V0 { get; } = CliOption.OptionalText("--v0",
        "For uv: the initial v, one number or d comma-separated numbers. [default: 0]",
        "V0");
    public Option<string> BatchSize { get; } = CliOption.Text("--batch-size", Defaults.BatchSize.ToString(CultureInfo.InvariantCulture),
        "Batch size b in [1, n]; 'n' or 'full' means b = n (full-batch GD).", "B");
    public Option<string> Stepsize { get; } = CliOption.Text("--stepsize", Defaults.Stepsize.Describe(),
        "Stepsize gamma > 0, or a schedule: step:G,FACTOR,EVERY (G * FACTOR^floor(k/EVERY)), inv:G,TAU (G / (1 + k/TAU)), list:G1,G2,... (the last repeats).",
        "GAMMA");
    public Option<string> BatchMode { get; } = CliOption.Choice("--batch-mode", CliOption.Word(Defaults.BatchMode),
        "How batches are drawn: uniform (an independent uniform subset each step) or epoch (shuffle, then sweep).",
        Enum.GetValues<Training.BatchMode>().Select(CliOption.Word).ToArray());
    public Option<ulong> Seed { get; } = CliOption.Seed("--seed", Defaults.Seed, "Seed of the batch sequence (the data have --data-seed; the label noise has a stream derived from it).");
    public Option<double> LabelNoise { get; } = CliOption.Double("--label-noise", Defaults.LabelNoise,
        "Label-noise SGD: standard deviation delta >= 0 of fresh Gaussian noise added to each label of the batch at every step (0: plain SGD).");
    public Option<double> Momentum { get; } = CliOption.Double("--momentum", Defaults.Momentum,
        "Heavy-ball momentum M in [0, 1) on the parameters (0: none); reported with lambda = gamma / (1 - M)^2. Runs on the reference backend, without the uv gain or alpha_inf.");
    public Option<double> Tolerance { get; } = CliOption.Double("--tolerance", Defaults.Tolerance, "Converged once the training loss is at or below this (>= 0).");
    public Option<long> MaxSteps { get; } = CliOption.Long("--max-steps", Defaults.MaxSteps, "Step budget (> 0).");
    public Option<double> DivergenceFactor { get; } = CliOption.Double("--divergence-factor", Defaults.DivergenceFactor,
        "Diverged once the loss exceeds this factor times the initial loss, or is not finite (> 1).");
    public Option<double> BounceFactor { get; } = CliOption.Double("--bounce-factor", Defaults.BounceFactor,
        "A run bounced (edge of stability) if its loss rose above this factor times its running minimum (> 1).");
    public Option<int> LossCheckInterval { get; } = CliOption.Int("--loss-check-interval", Defaults.LossCheckInterval,
        "For b < n, steps between full training-loss evaluations (>= 0; 0: 16 ceil(n/b)).");
    public Option<int> CheckpointsPerDecade { get; } = CliOption.Int("--checkpoints-per-decade", Defaults.CheckpointsPerDecade,
        "Trajectory checkpoints per decade of steps (0 to 1000; 0: only the first and last).");
    public Option<long> CheckpointEvery { get; } = CliOption.Long("--checkpoint-every", Defaults.CheckpointEvery,
        "Trajectory checkpoints every this many steps instead of log-spaced ones (>= 0; 0: log-spaced).");

    public IEnumerable<Option> All =>
        [Model, Alpha, U0, V0, BatchSize, Stepsize, BatchMode, Seed, LabelNoise, Momentum, Tolerance, MaxSteps, DivergenceFactor, BounceFactor, LossCheckInterval, CheckpointsPerDecade, CheckpointEvery];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The training options for a problem with n samples and d features, validated by the core.</summary>
    public TrainingOptions Read(ParseResult parsed, int n, int d, bool recordIterates = false)
    {
        var alpha = SpecText.ParseAlpha(parsed.GetValue(Alpha)!);
        return new TrainingOptions
        {
            Model = ModelSpec.Parse("model", parsed.GetValue(Model)!),
            U0 = SpecText.ParseStart("u0", parsed.GetValue(U0)),
            V0 = SpecText.ParseStart("v0", parsed.GetValue(V0)),
            Alpha = alpha.Length == 1 ? alpha[0] : Defaults.Alpha,
            AlphaVector = alpha.Length == 1 ? null : alpha,
            BatchSize = SpecText.ParseBatchSize(parsed.GetValue(BatchSize)!, n),
            Stepsize = StepsizeSchedule.Parse(parsed.GetValue(Stepsize)!),
            BatchMode = CliOption.ParseWord<Training.BatchMode>(parsed.GetValue(BatchMode)!),
            Seed = parsed.GetValue(Seed),
            LabelNoise = parsed.GetValue(LabelNoise),
            Momentum = parsed.GetValue(Momentum),
            Tolerance = parsed.GetValue(Tolerance),
            MaxSteps = parsed.GetValue(MaxSteps),
            DivergenceFactor = parsed.GetValue(DivergenceFactor),
            BounceFactor = parsed.GetValue(BounceFactor),
            LossCheckInterval = parsed.GetValue(LossCheckInterval),
            CheckpointsPerDecade = parsed.GetValue(CheckpointsPerDecade),
            CheckpointEvery = parsed.GetValue(CheckpointEvery),
            RecordIterates = recordIterates,
        }.Validated(n, d);
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
