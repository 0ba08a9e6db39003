using DlnLab.Experiments.Configuration;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Builds a <see cref="SweepSpec"/> from command-line flag values (flag name without dashes -> text), with the same
/// schema and checks as the TOML file; errors name the flag ("--batch-size: got 0; ..."). Lists are comma-separated
/// ("--stepsize 0.01,0.02", "--model uv,power:3"), ranges are START:STOP:COUNT ("--stepsize-log 1e-3:1e-1:10"),
/// "--batch-size 1,n".
/// </summary>
public static class SweepSpecFlags
{
    /// <summary>Flag name -> key path in the TOML schema.</summary>
    public static readonly IReadOnlyDictionary<string, string> Flags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name", ["seed"] = "seeds.seed", ["datasets"] = "seeds.datasets", ["data-seeds"] = "seeds.data_seeds",
        ["repeats"] = "seeds.repeats", ["n"] = "problem.n", ["d"] = "problem.d", ["s"] = "problem.s",
        ["noise"] = "problem.noise", ["nonzeros"] = "problem.nonzeros", ["scale"] = "problem.scale",
        ["support"] = "problem.support", ["n-test"] = "problem.n_test",
        ["mean"] = "problem.mean", ["correlation"] = "problem.correlation", ["alpha"] = "training.alpha",
        ["model"] = "training.model", ["u0"] = "training.u0", ["v0"] = "training.v0",
        ["label-noise"] = "training.label_noise", ["momentum"] = "training.momentum",
        ["batch-size"] = "training.batch_size", ["batch-mode"] = "training.batch_mode", ["tolerance"] = "training.tolerance",
        ["max-steps"] = "training.max_steps", ["divergence-factor"] = "training.divergence_factor",
        ["bounce-factor"] = "training.bounce_factor", ["loss-check-interval"] = "training.loss_check_interval",
        ["keep-trajectories"] = "training.keep_trajectories", ["checkpoints-per-decade"] = "training.checkpoints_per_decade",
        ["checkpoint-every"] = "training.checkpoint_every",
        ["stepsize"] = "stepsize.values", ["stepsize-linear"] = "stepsize.linear", ["stepsize-log"] = "stepsize.log",
        ["stepsize-relative"] = "stepsize.relative", ["threshold-low"] = "threshold.low",
        ["threshold-high"] = "threshold.high", ["threshold-precision"] = "threshold.precision",
    };

    /// <summary>The spec the flags describe; flags not given keep the <see cref="SweepSpec"/> defaults.</summary>
    public static SweepSpec Build(IReadOnlyDictionary<string, string> flags) => SweepSpecToml.Build(Apply(ConfigDocument.Empty(SpecBuilder.Schema), flags), []);

    /// <summary>
    /// Sets the keys of <paramref name="flags"/> in <paramref name="document"/>, replacing what it held there (a flag given
    /// beside a spec file wins over the file), and returns it.
    /// </summary>
    public static ConfigDocument Apply(ConfigDocument document, IReadOnlyDictionary<string, string> flags)
    {
        foreach (var rawName in flags.Keys)
            if (Flags.TryGetValue(rawName.TrimStart('-'), out var key)) document.DropExcluded(key);
        foreach (var (rawName, text) in flags)
        {
            string name = rawName.TrimStart('-');
            string where = "--" + name;
            if (!Flags.TryGetValue(name, out var path))
                throw new InvalidInputException(where, "is not a known sweep flag; known: " + string.Join(", ", Flags.Keys.Order(StringComparer.Ordinal).Select(f => "--" + f)));
            if (path is "stepsize.linear" or "stepsize.log")
            {
                var parts = text.Split(':', StringSplitOptions.TrimEntries);
                if (parts.Length != 3) throw new InvalidInputException(where, text, "must be START:STOP:COUNT, e.g. 1e-3:1e-1:10");
                document.Set(path + ".start", ConfigDocument.Token(parts[0], where));
                document.Set(path + ".stop", ConfigDocument.Token(parts[1], where));
                document.Set(path + ".count", ConfigDocument.Token(parts[2], where));
            }
            else if (path == "name") document.Set(path, new SpecValue(text, text, where));
            else
            {
                var tokens = text.Split(',', StringSplitOptions.TrimEntries); // an empty item ("0.1,") is refused as a value, not dropped
                document.Set(path, tokens.Length == 1
                    ? ConfigDocument.Token(tokens[0], where)
                    : new SpecValue(tokens.Select((t, i) => ConfigDocument.Token(t, $"{where}[{i}]")).ToList(), text, where));
            }
        }
        return document;
    }
}
