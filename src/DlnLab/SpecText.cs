using System.Globalization;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab;

/// <summary>
/// A problem and a run written as text, key by key, under the names and with the rules of <c>dln train</c>'s options
/// (<c>batch-size=n</c>, <c>stepsize=inv:0.05,1000</c>, <c>alpha=0.1,0.2,...</c>): how callers outside .NET (the
/// native library, Python) give a spec, so that a value means the same and a bad value gets the same one-line message
/// as on the command line. Absent keys take the defaults of <see cref="SparseRegressionSpec"/> and
/// <see cref="TrainingOptions"/>.
/// </summary>
public static class SpecText
{
    /// <summary>The keys of the generated problem (<see cref="SparseRegressionSpec"/>), as <c>dln train</c> names its options.</summary>
    public static IReadOnlyList<string> ProblemKeys { get; } =
        ["n", "d", "s", "nonzeros", "scale", "support", "noise", "mean", "correlation", "n-test", "data-seed"];

    /// <summary>The keys of a run (<see cref="TrainingOptions"/>), as <c>dln train</c> names its options.</summary>
    public static IReadOnlyList<string> TrainingKeys { get; } =
    [
        "model", "alpha", "u0", "v0", "batch-size", "stepsize", "batch-mode", "seed", "label-noise", "momentum", "tolerance", "max-steps",
        "divergence-factor", "bounce-factor", "loss-check-interval", "checkpoints-per-decade", "checkpoint-every",
    ];

    /// <summary>What an integer value must be when it does not parse.</summary>
    public const string IntegerAllowed = "must be an integer";
    /// <summary>What a seed must be when it does not parse.</summary>
    public const string SeedAllowed = "must be an integer in [0, 18446744073709551615]";
    /// <summary>What a number must be when it does not parse.</summary>
    public const string NumberAllowed = "must be a number such as 0.5 or 1e-5";
    /// <summary>What an alpha value may be.</summary>
    public const string AlphaAllowed = "must be a number > 0, or d comma-separated numbers > 0";
    /// <summary>What a u0 or v0 value may be.</summary>
    public const string StartAllowed = "must be a finite number, or d comma-separated finite numbers";

    // Field names the core's messages use for a key under another name (SparseRegressionSpec says nonzero-scale).
    private static readonly Dictionary<string, string> KeyOfField = new() { ["nonzero-scale"] = "scale" };

    /// <summary>
    /// Reads <c>key=value</c> lines (blank lines ignored) into a dictionary; a key that is neither a problem nor a
    /// training key, or one given twice, is refused with <see cref="InvalidInputException"/>.
    /// </summary>
    public static Dictionary<string, string> ParseLines(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            int equals = line.IndexOf('=');
            string key = equals < 0 ? line : line[..equals];
            if (equals < 0) throw new InvalidInputException(key, "got nothing; needs a value (key=value)");
            if (!ProblemKeys.Contains(key) && !TrainingKeys.Contains(key))
                throw new InvalidInputException(key, "unknown key; allowed: " + string.Join(", ", ProblemKeys.Concat(TrainingKeys)));
            if (!values.TryAdd(key, line[(equals + 1)..])) throw new InvalidInputException(key, "given twice; give it once");
        }
        return values;
    }

    /// <summary>The generated problem's spec from its keys, validated (throws <see cref="InvalidInputException"/>).</summary>
    public static SparseRegressionSpec Problem(IReadOnlyDictionary<string, string> values)
    {
        var defaults = new SparseRegressionSpec();
        return new SparseRegressionSpec
        {
            N = Get(values, "n", defaults.N, ParseInt),
            D = Get(values, "d", defaults.D, ParseInt),
            S = Get(values, "s", defaults.S, ParseInt),
            Nonzeros = Get(values, "nonzeros", defaults.Nonzeros, ParseWord<NonzeroDistribution>),
            NonzeroScale = Get(values, "scale", defaults.NonzeroScale, ParseNumber),
            Support = Get(values, "support", defaults.Support, ParseWord<SupportPlacement>),
            Noise = Get(values, "noise", defaults.Noise, ParseNumber),
            Mean = Get(values, "mean", defaults.Mean, ParseNumber),
            Correlation = Get(values, "correlation", defaults.Correlation, ParseNumber),
            NTest = Get(values, "n-test", defaults.NTest, ParseInt),
            Seed = Get(values, "data-seed", defaults.Seed, ParseSeed),
        }.Validated();
    }

    /// <summary>
    /// The run's options from its keys, for a problem with <paramref name="n"/> samples and <paramref name="d"/>
    /// features, validated (throws <see cref="InvalidInputException"/>). Values that do not parse are reported
    /// before range errors, as on the command line.
    /// </summary>
    public static TrainingOptions Training(IReadOnlyDictionary<string, string> values, int n, int d)
    {
        var defaults = new TrainingOptions();
        var batchMode = Get(values, "batch-mode", defaults.BatchMode, ParseWord<BatchMode>);
        ulong seed = Get(values, "seed", defaults.Seed, ParseSeed);
        double labelNoise = Get(values, "label-noise", defaults.LabelNoise, ParseNumber);
        double momentum = Get(values, "momentum", defaults.Momentum, ParseNumber);
        double tolerance = Get(values, "tolerance", defaults.Tolerance, ParseNumber);
        long maxSteps = Get(values, "max-steps", defaults.MaxSteps, ParseLong);
        double divergence = Get(values, "divergence-factor", defaults.DivergenceFactor, ParseNumber);
        double bounce = Get(values, "bounce-factor", defaults.BounceFactor, ParseNumber);
        int lossCheck = Get(values, "loss-check-interval", defaults.LossCheckInterval, ParseInt);
        int checkpoints = Get(values, "checkpoints-per-decade", defaults.CheckpointsPerDecade, ParseInt);
        long checkpointEvery = Get(values, "checkpoint-every", defaults.CheckpointEvery, ParseLong);
        var alpha = values.TryGetValue("alpha", out var alphaText) ? ParseAlpha(alphaText) : [defaults.Alpha];
        return new TrainingOptions
        {
            Model = values.TryGetValue("model", out var model) ? ModelSpec.Parse("model", model) : defaults.Model,
            U0 = ParseStart("u0", values.GetValueOrDefault("u0")),
            V0 = ParseStart("v0", values.GetValueOrDefault("v0")),
            Alpha = alpha.Length == 1 ? alpha[0] : defaults.Alpha,
            AlphaVector = alpha.Length == 1 ? null : alpha,
            BatchSize = values.TryGetValue("batch-size", out var b) ? ParseBatchSize(b, n) : defaults.BatchSize,
            Stepsize = values.TryGetValue("stepsize", out var gamma) ? StepsizeSchedule.Parse(gamma) : defaults.Stepsize,
            BatchMode = batchMode,
            Seed = seed,
            LabelNoise = labelNoise,
            Momentum = momentum,
            Tolerance = tolerance,
            MaxSteps = maxSteps,
            DivergenceFactor = divergence,
            BounceFactor = bounce,
            LossCheckInterval = lossCheck,
            CheckpointsPerDecade = checkpoints,
            CheckpointEvery = checkpointEvery,
        }.Validated(n, d);
    }

    /// <summary>
    /// The line <c>dln train</c> prints for this error after <c>dln: error: </c>: the field written as the option
    /// it names (<c>--batch-size: got 0; ...</c>) when it is one of the keys, the message unchanged otherwise.
    /// </summary>
    public static string Message(InvalidInputException error)
    {
        string field = error.Field;
        int bracket = field.IndexOf('[');
        string baseName = bracket < 0 ? field : field[..bracket];
        string key = KeyOfField.GetValueOrDefault(baseName, baseName);
        if (!(ProblemKeys.Contains(key) || TrainingKeys.Contains(key)) || !error.Message.StartsWith(field, StringComparison.Ordinal))
            return error.Message;
        return "--" + key + (bracket < 0 ? "" : field[bracket..]) + error.Message[field.Length..];
    }

    /// <summary>An integer as <see cref="IntegerText"/> reads it, naming <paramref name="field"/> when it does not parse.</summary>
    public static int ParseInt(string field, string text) =>
        IntegerText.TryParseInt(text, out int value) ? value : throw new InvalidInputException(field, text, IntegerAllowed);

    /// <summary>A 64-bit integer as <see cref="IntegerText"/> reads it.</summary>
    public static long ParseLong(string field, string text) =>
        IntegerText.TryParseLong(text, out long value) ? value : throw new InvalidInputException(field, text, IntegerAllowed);

    /// <summary>A seed: an integer in [0, 2^64).</summary>
    public static ulong ParseSeed(string field, string text) =>
        IntegerText.TryParseUnsigned(text, out ulong value) ? value : throw new InvalidInputException(field, text, SeedAllowed);

    /// <summary>A number in the invariant culture ("0.5", "1e-5", "Infinity", "NaN").</summary>
    public static double ParseNumber(string field, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
            : throw new InvalidInputException(field, text, NumberAllowed);

    /// <summary>The enum value named by a lower-case word (case-insensitive), as the options spell them.</summary>
    public static TEnum ParseWord<TEnum>(string field, string text) where TEnum : struct, Enum
    {
        string word = text.Trim().ToLowerInvariant();
        var choices = Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant()).ToArray();
        if (Array.IndexOf(choices, word) < 0) throw new InvalidInputException(field, text, "must be one of " + string.Join(", ", choices));
        return Enum.Parse<TEnum>(word, ignoreCase: true);
    }

    /// <summary>The numbers of an alpha value (one, or comma-separated); their range is checked by <see cref="TrainingOptions.Validated"/>.</summary>
    public static double[] ParseAlpha(string text) => ParseNumbers("alpha", text, AlphaAllowed);

    /// <summary>A u0 or v0 value: one number for every coordinate, or d comma-separated numbers; null when not given.</summary>
    public static ScaleOrVector? ParseStart(string field, string? text)
    {
        if (text is null) return null;
        var values = ParseNumbers(field, text, StartAllowed);
        return values.Length == 1 ? ScaleOrVector.Uniform(values[0]) : ScaleOrVector.PerCoordinate(values);
    }

    /// <summary>A batch size: an integer, or <c>n</c> / <c>full</c> for b = <paramref name="n"/> (GD).</summary>
    public static int ParseBatchSize(string text, int n)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "n" or "full") return n;
        if (IntegerText.TryParseInt(t, out int b)) return b;
        throw new InvalidInputException("batch-size", text, $"must be an integer in [1, n] = [1, {n}], or n/full for full-batch GD");
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

    private static T Get<T>(IReadOnlyDictionary<string, string> values, string key, T fallback, Func<string, string, T> parse) =>
        values.TryGetValue(key, out var text) ? parse(key, text) : fallback;
}
