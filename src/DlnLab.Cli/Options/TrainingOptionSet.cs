using System.CommandLine;
using System.Globalization;
using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Cli.Options;

/// <summary>
/// One option per <see cref="TrainingOptions"/> field. Defaults are read off the core's record, and the range rules
/// are the core's <see cref="TrainingOptions.Validated"/>; this class only turns text into values.
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
    public Option<ulong> Seed { get; } = CliOption.Seed("--seed", Defaults.Seed, "Seed of the batch sequence (the data have --data-seed).");
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
        [Model, Alpha, U0, V0, BatchSize, Stepsize, BatchMode, Seed, Tolerance, MaxSteps, DivergenceFactor, BounceFactor, LossCheckInterval, CheckpointsPerDecade, CheckpointEvery];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The training options for a problem with n samples and d features, validated by the core.</summary>
    public TrainingOptions Read(ParseResult parsed, int n, int d, bool recordIterates = false)
    {
        var alpha = ParseAlpha(parsed.GetValue(Alpha)!);
        return new TrainingOptions
        {
            Model = ModelSpec.Parse("model", parsed.GetValue(Model)!),
            U0 = ParseStart("u0", parsed.GetValue(U0)),
            V0 = ParseStart("v0", parsed.GetValue(V0)),
            Alpha = alpha.Length == 1 ? alpha[0] : Defaults.Alpha,
            AlphaVector = alpha.Length == 1 ? null : alpha,
            BatchSize = ParseBatchSize(parsed.GetValue(BatchSize)!, n),
            Stepsize = StepsizeSchedule.Parse(parsed.GetValue(Stepsize)!),
            BatchMode = CliOption.ParseWord<Training.BatchMode>(parsed.GetValue(BatchMode)!),
            Seed = parsed.GetValue(Seed),
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

    /// <summary>What an --alpha value may be, as both commands that take one say it.</summary>
    internal const string AlphaAllowed = "must be a number > 0, or d comma-separated numbers > 0";

    /// <summary>The numbers of an --alpha value (one, or comma-separated); their range is left to the caller.</summary>
    internal static double[] ParseAlpha(string text) => ParseNumbers("alpha", text, AlphaAllowed);

    /// <summary>An --u0 or --v0 value: one number for every coordinate, or d comma-separated numbers; null when not given.</summary>
    private static ScaleOrVector? ParseStart(string field, string? text)
    {
        if (text is null) return null;
        var values = ParseNumbers(field, text, "must be a finite number, or d comma-separated finite numbers");
        return values.Length == 1 ? ScaleOrVector.Uniform(values[0]) : ScaleOrVector.PerCoordinate(values);
    }

    private static double[] ParseNumbers(string field, string text, string allowed)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new InvalidInputException(field, text, allowed);
        return values;
    }

    private static int ParseBatchSize(string text, int n)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "n" or "full") return n;
        if (IntegerText.TryParseInt(t, out int b)) return b;
        throw new InvalidInputException("batch-size", text, $"must be an integer in [1, n] = [1, {n}], or n/full for full-batch GD");
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
