using System.CommandLine;
using DlnLab.Problems;

namespace DlnLab.Cli.Options;

/// <summary>
/// The options that define the regression problem, shared by every command that trains or solves: the generator's
/// <see cref="SparseRegressionSpec"/> fields, or --data to load files instead. Defaults are read off the core's spec.
/// </summary>
internal sealed class ProblemOptions
{
    private static readonly SparseRegressionSpec Defaults = new();

    public Option<int> N { get; } = CliOption.Int("--n", Defaults.N, "Number of training samples n (> 0).");
    public Option<int> D { get; } = CliOption.Int("--d", Defaults.D, "Dimension d (> 0); d > n is the overparametrised regime.");
    public Option<int> S { get; } = CliOption.Int("--s", Defaults.S, "Number of nonzeros s of beta*, in [0, d].");
    public Option<string> Nonzeros { get; } = CliOption.Choice("--nonzeros", CliOption.Word(Defaults.Nonzeros),
        "Distribution of the nonzeros of beta*: gaussian N(0, scale^2), rademacher +-scale, uniform on [-scale, scale], constant +scale.",
        Enum.GetValues<NonzeroDistribution>().Select(CliOption.Word).ToArray());
    public Option<double> Scale { get; } = CliOption.Double("--scale", Defaults.NonzeroScale, "Scale of the nonzeros of beta* (> 0).");
    public Option<string> Support { get; } = CliOption.Choice("--support", CliOption.Word(Defaults.Support),
        "Where the s nonzeros sit: random (a uniform random subset) or leading (the first s coordinates).",
        Enum.GetValues<SupportPlacement>().Select(CliOption.Word).ToArray());
    public Option<double> Noise { get; } = CliOption.Double("--noise", Defaults.Noise, "Label noise standard deviation sigma (>= 0).");
    public Option<double> Mean { get; } = CliOption.Double("--mean", Defaults.Mean, "Mean mu of every input coordinate: x ~ N(mu 1, Sigma) (0: centered).");
    public Option<double> Correlation { get; } = CliOption.Double("--correlation", Defaults.Correlation,
        "Correlation rho in (-1, 1) of neighbouring input coordinates: Sigma_ij = rho^|i-j| (0: Sigma = I).");
    public Option<int> NTest { get; } = CliOption.Int("--n-test", Defaults.NTest, "Size of the held-out test set (> 0).");
    public Option<ulong> DataSeed { get; } = CliOption.Seed("--data-seed", Defaults.Seed, "Seed of the data: X, beta*, noise and test set.");
    public Option<string?> Data { get; } = CliOption.OptionalText("--data",
        "Load the problem from files instead of generating it (a folder, an .npz, or X=path,y=path,...); the generator options above cannot be combined with it. [default: none, the problem is generated]", "PATH");

    public ProblemOptions()
    {
        // The core names this field nonzero-scale in its messages; the alias lets that name work on the command line too.
        Scale.Aliases.Add("--nonzero-scale");
    }

    public IEnumerable<Option> All => [.. Generator, Data];

    /// <summary>The options of the generated problem, which --data replaces.</summary>
    public IEnumerable<Option> Generator => [N, D, S, Nonzeros, Scale, Support, Noise, Mean, Correlation, NTest, DataSeed];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The generator spec the options describe, validated (throws <see cref="InvalidInputException"/>).</summary>
    public SparseRegressionSpec ReadSpec(ParseResult parsed) => new SparseRegressionSpec
    {
        N = parsed.GetValue(N),
        D = parsed.GetValue(D),
        S = parsed.GetValue(S),
        Nonzeros = CliOption.ParseWord<NonzeroDistribution>(parsed.GetValue(Nonzeros)!),
        NonzeroScale = parsed.GetValue(Scale),
        Support = CliOption.ParseWord<SupportPlacement>(parsed.GetValue(Support)!),
        Noise = parsed.GetValue(Noise),
        Mean = parsed.GetValue(Mean),
        Correlation = parsed.GetValue(Correlation),
        NTest = parsed.GetValue(NTest),
        Seed = parsed.GetValue(DataSeed),
    }.Validated();

    /// <summary>The --data path, or null when the problem is generated.</summary>
    public string? DataPath(ParseResult parsed) => parsed.GetValue(Data);
}
