using System.CommandLine;
using System.Globalization;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Options;

/// <summary>
/// One option per key of <see cref="SweepSpecFlags.Flags"/>, so a sweep can be given without a TOML file. Help shows
/// the <see cref="SweepSpec"/> defaults, but only the flags actually typed are passed on: the stepsize flags exclude
/// each other, and --data-seeds replaces --datasets.
/// </summary>
internal sealed class SweepFlagOptions
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["name"] = "Name under which the runs are stored; part of every run's key.",
        ["seed"] = "Sweep seed: data seeds and per-run batch seeds are derived from it and the grid coordinates.",
        ["datasets"] = "Number of datasets, with data seeds derived from --seed.",
        ["data-seeds"] = "Explicit comma-separated data seeds, instead of --datasets.",
        ["repeats"] = "Batch sequences per configuration, each with its own derived batch seed.",
        ["n"] = "Training samples n; comma-separated values are a grid axis.",
        ["d"] = "Dimension d; comma-separated values are a grid axis.",
        ["s"] = "Sparsity s of beta* (at most every d); comma-separated values are a grid axis.",
        ["noise"] = "Label-noise standard deviation sigma; comma-separated values are a grid axis.",
        ["nonzeros"] = "Distribution of the nonzeros of beta*: gaussian, rademacher, uniform or constant.",
        ["scale"] = "Scale of the nonzeros of beta*.",
        ["support"] = "Placement of the support of beta*: random or leading.",
        ["n-test"] = "Held-out test points.",
        ["mean"] = "Mean mu of every input coordinate, x ~ N(mu 1, Sigma) (0: centered).",
        ["correlation"] = "Correlation rho in (-1, 1) of neighbouring input coordinates, Sigma_ij = rho^|i-j| (0: identity).",
        ["alpha"] = "Initialisation scale alpha > 0; comma-separated values are a grid axis.",
        ["model"] = "The parametrisation: uv (beta = u * v) or power:D (beta = w+^D - w-^D, D in [2, 64]); comma-separated values are a grid axis.",
        ["u0"] = "For uv: the initial u on every coordinate; comma-separated values are a grid axis. Left out: u0 = sqrt(2) alpha. Not with power:D.",
        ["v0"] = "For uv: the initial v on every coordinate; comma-separated values are a grid axis. Left out: v0 = 0. Not with power:D.",
        ["label-noise"] = "Label-noise SGD's delta >= 0 (fresh Gaussian noise on the batch's labels at every step); comma-separated values are a grid axis. Left out: 0 (plain SGD).",
        ["momentum"] = "Heavy-ball momentum M in [0, 1) (effective stepsize gamma / (1 - M)^2); comma-separated values are a grid axis. Left out: 0 (none).",
        ["batch-size"] = "Batch size b in [1, n], or n for full-batch GD; comma-separated values are a grid axis (e.g. 1,n).",
        ["batch-mode"] = "How batches are drawn: uniform (independent each step) or epoch.",
        ["tolerance"] = "A run has converged once its training loss is at or below this.",
        ["max-steps"] = "Step budget per run.",
        ["divergence-factor"] = "A run has diverged once its loss exceeds this factor times the initial loss.",
        ["bounce-factor"] = "Loss rise above which a run is flagged as bouncing (edge of stability).",
        ["loss-check-interval"] = "Steps between full-loss checks for b < n (0: automatic, 16 ceil(n/b)).",
        ["checkpoints-per-decade"] = "Log-spaced checkpoints per decade of a kept trajectory (0 to 1000; with --keep-trajectories).",
        ["checkpoint-every"] = "A kept trajectory's checkpoints every this many steps instead of log-spaced (0: log-spaced; with --keep-trajectories).",
        ["stepsize"] = "Constant stepsizes, comma-separated. Give at most one of the four stepsize options.",
        ["stepsize-linear"] = "Stepsizes evenly spaced from START to STOP, both included: START:STOP:COUNT.",
        ["stepsize-log"] = "Stepsizes evenly spaced in log scale: START:STOP:COUNT, e.g. 1e-3:1e-1:10.",
        ["stepsize-relative"] = "Fractions of each configuration's largest convergent stepsize (found by bisection), comma-separated.",
        ["threshold-low"] = "Smallest stepsize of the bisection for the largest convergent stepsize.",
        ["threshold-high"] = "Largest stepsize of that bisection (the cap).",
        ["threshold-precision"] = "The bisection stops when high / low <= 1 + precision.",
    };

    private static readonly Dictionary<string, string> HelpNames = new(StringComparer.Ordinal)
    {
        ["name"] = "NAME", ["nonzeros"] = "gaussian|rademacher|uniform|constant", ["support"] = "random|leading",
        ["batch-mode"] = "uniform|epoch", ["stepsize-linear"] = "START:STOP:COUNT", ["stepsize-log"] = "START:STOP:COUNT",
        ["seed"] = "SEED", ["data-seeds"] = "SEEDS", ["datasets"] = "INT", ["repeats"] = "INT", ["n-test"] = "INT",
        ["max-steps"] = "INT", ["loss-check-interval"] = "INT", ["checkpoints-per-decade"] = "INT", ["checkpoint-every"] = "INT",
        ["n"] = "LIST", ["d"] = "LIST", ["s"] = "LIST", ["batch-size"] = "LIST", ["noise"] = "LIST", ["alpha"] = "LIST", ["model"] = "uv|power:D,...", ["u0"] = "LIST", ["v0"] = "LIST", ["label-noise"] = "LIST", ["momentum"] = "LIST",
        ["stepsize"] = "LIST", ["stepsize-relative"] = "LIST",
    };

    private readonly List<(string Flag, Option<string?> Option)> options;
    private readonly Option<bool> keepTrajectories = CliOption.Flag("--keep-trajectories",
        "Record each run's trajectory (beta_k, the gain so far, the training loss and the sharpness at checkpoints) and store it; " +
        "`dln export` writes it as runs x checkpoints (x d) arrays in runs.npz. [default: off]");

    public SweepFlagOptions()
    {
        var defaults = Defaults(new SweepSpec());
        options = SweepSpecFlags.Flags.Keys.Where(flag => flag != KeepTrajectoriesFlag).Select(flag =>
        {
            string description = Descriptions.GetValueOrDefault(flag, "See the [" + SweepSpecFlags.Flags[flag] + "] key of the TOML schema.");
            string helpName = HelpNames.GetValueOrDefault(flag, "NUMBER");
            var option = CliOption.OptionalText("--" + flag, description, helpName);
            if (defaults.TryGetValue(flag, out var value)) option.DefaultValueFactory = _ => value;
            else option.Description += " [default: none]";
            return (flag, option);
        }).ToList();
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in options) command.Options.Add(option);
        command.Options.Add(keepTrajectories);
    }

    /// <summary>The flags given on the command line (name without dashes -> text), defaults left out.</summary>
    public Dictionary<string, string> Given(ParseResult parsed)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parsed.GetValue(keepTrajectories)) given[KeepTrajectoriesFlag] = "true";
        foreach (var (flag, option) in options)
            if (parsed.GetResult(option) is { Implicit: false } && parsed.GetValue(option) is string text) given[flag] = text;
        return given;
    }

    /// <summary>The text of each flag that reproduces the default spec; flags with no default value are absent.</summary>
    private static Dictionary<string, string> Defaults(SweepSpec spec) => new(StringComparer.Ordinal)
    {
        ["name"] = spec.Name,
        ["seed"] = spec.Seed.ToString(CultureInfo.InvariantCulture),
        ["datasets"] = I(spec.Datasets),
        ["repeats"] = I(spec.Repeats),
        ["n"] = string.Join(',', spec.N.Select(I)),
        ["d"] = string.Join(',', spec.D.Select(I)),
        ["s"] = string.Join(',', spec.S.Select(I)),
        ["noise"] = string.Join(',', spec.Noise.Select(G)),
        ["nonzeros"] = CliOption.Word(spec.Nonzeros),
        ["scale"] = G(spec.NonzeroScale),
        ["support"] = CliOption.Word(spec.Support),
        ["n-test"] = I(spec.NTest),
        ["mean"] = G(spec.Mean),
        ["correlation"] = G(spec.Correlation),
        ["alpha"] = string.Join(',', spec.Alpha.Select(G)),
        ["model"] = string.Join(',', spec.Model),
        ["batch-size"] = string.Join(',', spec.BatchSize.Select(b => b == SweepSpec.FullBatch ? "n" : I(b))),
        ["batch-mode"] = CliOption.Word(spec.BatchMode),
        ["tolerance"] = G(spec.Tolerance),
        ["max-steps"] = spec.MaxSteps.ToString(CultureInfo.InvariantCulture),
        ["divergence-factor"] = G(spec.DivergenceFactor),
        ["bounce-factor"] = G(spec.BounceFactor),
        ["loss-check-interval"] = I(spec.LossCheckInterval),
        ["checkpoints-per-decade"] = I(spec.CheckpointsPerDecade),
        ["checkpoint-every"] = spec.CheckpointEvery.ToString(CultureInfo.InvariantCulture),
        ["stepsize"] = string.Join(',', spec.Stepsize.Points().Select(G)),
        ["threshold-low"] = G(spec.Threshold.Low),
        ["threshold-high"] = G(spec.Threshold.High),
        ["threshold-precision"] = G(spec.Threshold.Precision),
    };

    private const string KeepTrajectoriesFlag = "keep-trajectories";

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);

    // "1e-05" rather than "1E-05": the form a user types.
    private static string G(double x)
    {
        string s = x.ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        return e < 0 ? s : s[..e] + "e" + int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
