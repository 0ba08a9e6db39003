using System.Globalization;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;
using DlnLab.Experiments.Configuration;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Turns flattened key paths ("problem.n", "stepsize.log.count") with untyped values into a validated
/// <see cref="SweepSpec"/>: rejects unknown keys and wrong types, and reports every error at the key's location.
/// Shared by the TOML reader and the flag reader so both accept exactly the same schema.
/// </summary>
internal sealed class SpecBuilder(IReadOnlyDictionary<string, SpecValue> values, Func<string, string> whereDefault)
{
    /// <summary>Every key of the schema.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>
    {
        "name", "seeds.seed", "seeds.datasets", "seeds.data_seeds", "seeds.repeats",
        "problem.n", "problem.d", "problem.s", "problem.noise", "problem.nonzeros", "problem.scale", "problem.support", "problem.n_test", "problem.mean", "problem.correlation",
        "training.alpha", "training.model", "training.u0", "training.v0", "training.shape", "training.label_noise", "training.momentum", "training.batch_size", "training.batch_mode", "training.tolerance", "training.max_steps",
        "training.divergence_factor", "training.bounce_factor", "training.loss_check_interval",
        "training.keep_trajectories", "training.checkpoints_per_decade", "training.checkpoint_every",
        "stepsize.values", "stepsize.relative",
        "stepsize.linear.start", "stepsize.linear.stop", "stepsize.linear.count",
        "stepsize.log.start", "stepsize.log.stop", "stepsize.log.count",
        "threshold.low", "threshold.high", "threshold.precision",
    };

    /// <summary>The schema of a sweep spec: its keys, and the keys that exclude each other.</summary>
    public static readonly ConfigSchema Schema = new(Keys,
    [
        ["stepsize.values", "stepsize.relative", "stepsize.linear", "stepsize.log"],
        ["seeds.datasets", "seeds.data_seeds"],
        ["training.shape", "training.u0"],
        ["training.shape", "training.v0"],
    ]);

    public SweepSpec Build()
    {
        var d = new SweepSpec();
        var spec = new SweepSpec
        {
            Name = Str("name") ?? d.Name,
            Seed = Seed("seeds.seed") ?? d.Seed,
            Datasets = Int("seeds.datasets") ?? d.Datasets,
            DataSeeds = Has("seeds.data_seeds") ? List("seeds.data_seeds", v => AsSeed(v)) : null,
            Repeats = Int("seeds.repeats") ?? d.Repeats,
            N = IntList("problem.n") ?? d.N,
            D = IntList("problem.d") ?? d.D,
            S = IntList("problem.s") ?? d.S,
            Noise = DoubleList("problem.noise") ?? d.Noise,
            Nonzeros = Enum<NonzeroDistribution>("problem.nonzeros") ?? d.Nonzeros,
            NonzeroScale = Double("problem.scale") ?? d.NonzeroScale,
            Support = Enum<SupportPlacement>("problem.support") ?? d.Support,
            NTest = Int("problem.n_test") ?? d.NTest,
            Mean = Double("problem.mean") ?? d.Mean,
            Correlation = Double("problem.correlation") ?? d.Correlation,
            Alpha = DoubleList("training.alpha") ?? d.Alpha,
            Model = Has("training.model") ? List("training.model", AsModel) : d.Model,
            U0 = DoubleList("training.u0") ?? d.U0,
            V0 = DoubleList("training.v0") ?? d.V0,
            LabelNoise = DoubleList("training.label_noise") ?? d.LabelNoise,
            Momentum = DoubleList("training.momentum") ?? d.Momentum,
            Shape = DoubleList("training.shape") ?? d.Shape,
            BatchSize = Has("training.batch_size") ? List("training.batch_size", AsBatchSize) : d.BatchSize,
            BatchMode = Enum<BatchMode>("training.batch_mode") ?? d.BatchMode,
            Tolerance = Double("training.tolerance") ?? d.Tolerance,
            MaxSteps = Long("training.max_steps") ?? d.MaxSteps,
            DivergenceFactor = Double("training.divergence_factor") ?? d.DivergenceFactor,
            BounceFactor = Double("training.bounce_factor") ?? d.BounceFactor,
            LossCheckInterval = Int("training.loss_check_interval") ?? d.LossCheckInterval,
            KeepTrajectories = Scalar("training.keep_trajectories", AsBool) ?? d.KeepTrajectories,
            CheckpointsPerDecade = Int("training.checkpoints_per_decade") ?? d.CheckpointsPerDecade,
            CheckpointEvery = Long("training.checkpoint_every") ?? d.CheckpointEvery,
            Stepsize = Stepsize() ?? d.Stepsize,
            Threshold = new ThresholdSettings
            {
                Low = Double("threshold.low") ?? d.Threshold.Low,
                High = Double("threshold.high") ?? d.Threshold.High,
                Precision = Double("threshold.precision") ?? d.Threshold.Precision,
            },
        };
        // Checkpoint settings other than the defaults would be ignored without kept trajectories.
        if (!spec.KeepTrajectories && (spec.CheckpointsPerDecade != d.CheckpointsPerDecade || spec.CheckpointEvery != d.CheckpointEvery))
            throw new InvalidInputException(values[spec.CheckpointEvery != d.CheckpointEvery ? "training.checkpoint_every" : "training.checkpoints_per_decade"].Where,
                "applies only to kept trajectories (training.keep_trajectories = true, --keep-trajectories)");
        if (Has("seeds.datasets") && Has("seeds.data_seeds"))
            throw new InvalidInputException(values["seeds.data_seeds"].Where, "conflicts with seeds.datasets; give a count or a list of data seeds, not both");
        // Threshold settings other than the defaults would be ignored without relative stepsizes.
        if (!spec.Stepsize.IsRelative && spec.Threshold != d.Threshold && values.Keys.FirstOrDefault(k => k.StartsWith("threshold.", StringComparison.Ordinal)) is string unused)
            throw new InvalidInputException(values[unused].Where, "applies only to relative stepsizes (stepsize.relative, --stepsize-relative); remove it or give relative stepsizes");
        try { return spec.Validated(); }
        catch (InvalidInputException e) { throw e.WithField(Locate(e.Field)); }
    }

    /// <summary>Where a validation error's field came from: the list item, else the key, else "(default)".</summary>
    private string Locate(string field)
    {
        int bracket = field.IndexOf('[');
        if (bracket > 0 && values.TryGetValue(field[..bracket], out var list) && list.IsList
            && int.TryParse(field[(bracket + 1)..^1], CultureInfo.InvariantCulture, out int i) && i < list.Items.Count)
            return list.Items[i].Where;
        string key = bracket > 0 ? field[..bracket] : field;
        if (values.TryGetValue(key, out var v)) return v.Where + (bracket > 0 ? field[bracket..] : "");
        var prefixed = values.Where(p => p.Key.StartsWith(key + ".", StringComparison.Ordinal)).Select(p => p.Value).FirstOrDefault();
        return prefixed?.Where ?? whereDefault(field);
    }

    private StepsizeAxis? Stepsize()
    {
        var given = new[] { "values", "relative", "linear", "log" }
            .Where(k => values.Keys.Any(p => p == "stepsize." + k || p.StartsWith("stepsize." + k + ".", StringComparison.Ordinal))).ToArray();
        if (given.Length > 1)
            throw new InvalidInputException(Locate("stepsize." + given[1]), $"conflicts with stepsize.{given[0]}; give exactly one of values, linear, log, relative");
        if (given.Length == 0) return null;
        switch (given[0])
        {
            case "values": return StepsizeAxis.List(DoubleList("stepsize.values")!.ToArray());
            case "relative": return StepsizeAxis.Relative(DoubleList("stepsize.relative")!.ToArray());
            default:
                string p = "stepsize." + given[0];
                foreach (var part in new[] { "start", "stop", "count" })
                    if (!Has($"{p}.{part}")) throw new InvalidInputException(Locate(p), $"needs start, stop and count; {part} is missing");
                double start = Double($"{p}.start")!.Value, stop = Double($"{p}.stop")!.Value;
                int count = Int($"{p}.count")!.Value;
                return given[0] == "linear" ? StepsizeAxis.Linear(start, stop, count) : StepsizeAxis.Log(start, stop, count);
        }
    }

    private bool Has(string key) => values.ContainsKey(key);

    private T? Scalar<T>(string key, Func<SpecValue, T> convert) where T : struct
    {
        if (!values.TryGetValue(key, out var v)) return null;
        if (v.IsList) throw new InvalidInputException(v.Where, v.Text, "must be a single value, not a list");
        return convert(v);
    }

    private T[] List<T>(string key, Func<SpecValue, T> convert) => values[key].Items.Select(convert).ToArray();

    private int? Int(string key) => Scalar(key, AsInt);
    private long? Long(string key) => Scalar(key, AsLong);
    private double? Double(string key) => Scalar(key, AsDouble);
    private ulong? Seed(string key) => Scalar(key, AsSeed);
    private int[]? IntList(string key) => Has(key) ? List(key, AsInt) : null;
    private double[]? DoubleList(string key) => Has(key) ? List(key, AsDouble) : null;

    private string? Str(string key)
    {
        if (!values.TryGetValue(key, out var v)) return null;
        return v.Value as string ?? throw new InvalidInputException(v.Where, v.Text, "must be a string");
    }

    // The word must be one of the names exactly (case aside): Enum.TryParse would also take "rademacher,uniform" (flags
    // or-ed together) or "2", which select another value.
    private TEnum? Enum<TEnum>(string key) where TEnum : struct, System.Enum
    {
        if (values.TryGetValue(key, out var given) && given.Value is not string)
            throw new InvalidInputException(given.Where, given.Text, "must be one word, one of " + string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())));
        var s = Str(key);
        if (s is null) return null;
        string word = s.Trim();
        foreach (var name in System.Enum.GetNames<TEnum>())
            if (name.Equals(word, StringComparison.OrdinalIgnoreCase)) return System.Enum.Parse<TEnum>(name);
        throw new InvalidInputException(values[key].Where, s, "must be one of " + string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())));
    }

    // Integers: TOML integers, flag digits, and integral numbers such as 1e5 (as the command-line options read them).
    private static long? Integral(SpecValue v) => v.Value switch
    {
        long l => l,
        double x when IntegerText.IsExactInteger(x) => (long)x,
        _ => null,
    };

    private static long AsLong(SpecValue v) => Integral(v) ?? throw new InvalidInputException(v.Where, v.Text,
        v.Value is ulong ? "must be an integer in [-2^63, 2^63 - 1]" : "must be an integer");

    private static int AsInt(SpecValue v) => Integral(v) is long l && l >= int.MinValue && l <= int.MaxValue
        ? (int)l : throw new InvalidInputException(v.Where, v.Text, Integral(v) is not null || v.Value is ulong ? "must fit in a 32-bit integer" : "must be an integer");

    // Seeds take every value of [0, 2^64): a flag above 2^63 - 1 arrives as a ulong, a TOML one as a string of digits.
    private static ulong AsSeed(SpecValue v) => v.Value switch
    {
        ulong u => u,
        string text when IntegerText.TryParseUnsigned(text, out ulong u) => u,
        _ when Integral(v) is long l && l >= 0 => (ulong)l,
        _ => throw new InvalidInputException(v.Where, v.Text, "must be an integer in [0, 18446744073709551615]"),
    };

    private static bool AsBool(SpecValue v) => v.Value switch
    {
        bool b => b,
        string s when s.Trim() is "true" or "false" => s.Trim() == "true",
        _ => throw new InvalidInputException(v.Where, v.Text, "must be true or false"),
    };

    private static double AsDouble(SpecValue v) => v.Value switch
    {
        long l => l,
        ulong u => u,
        double x => x,
        _ => throw new InvalidInputException(v.Where, v.Text, "must be a number"),
    };

    private static ModelSpec AsModel(SpecValue v) => v.Value is string s
        ? ModelSpec.Parse(v.Where, s.Trim())
        : throw new InvalidInputException(v.Where, v.Text, "must be \"uv\" or \"power:D\" with D an integer in [2, 64]");

    private static int AsBatchSize(SpecValue v) => v.Value is string s && s.Trim().Equals("n", StringComparison.OrdinalIgnoreCase)
        ? SweepSpec.FullBatch
        : Integral(v) is long l ? (l >= 1 ? AsInt(v) : throw new InvalidInputException(v.Where, v.Text, "must be an integer >= 1, or \"n\" (full batch)"))
        : throw new InvalidInputException(v.Where, v.Text, "must be an integer batch size or \"n\" (full batch)");
}
