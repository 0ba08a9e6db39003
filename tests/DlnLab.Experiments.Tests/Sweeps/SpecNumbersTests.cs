using DlnLab.Experiments.Sweeps;
using DlnLab.Problems;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>Flags and TOML read numbers and words alike: the same text gives the same spec, or both refuse it.</summary>
public class SpecNumbersTests
{
    // (flag, flag text, TOML key line under its table)
    public static TheoryData<string, string, string, string> Same => new()
    {
        { "max-steps", "1e5", "training", "max_steps = 1e5" },
        { "max-steps", "100000", "training", "max_steps = 100000" },
        { "datasets", "2e0", "seeds", "datasets = 2.0" },
        { "seed", "18446744073709551615", "seeds", "seed = \"18446744073709551615\"" },
        { "n", "1e1", "problem", "n = 1e1" },
    };

    [Theory]
    [MemberData(nameof(Same))]
    public void An_integral_value_reads_the_same_in_flags_and_toml(string flag, string text, string table, string line)
    {
        var fromFlags = SweepSpecFlags.Build(new Dictionary<string, string> { [flag] = text });
        var fromToml = SweepSpecToml.Parse($"[{table}]\n{line}\n");
        Assert.Equal(SweepSpecJson.Serialize(fromFlags), SweepSpecJson.Serialize(fromToml));
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "max-steps", "1.5", "training", "max_steps = 1.5" },
        { "max-steps", "-1", "training", "max_steps = -1" },
        { "max-steps", "NaN", "training", "max_steps = nan" },
        { "seed", "-1", "seeds", "seed = -1" },
        { "seed", "18446744073709551616", "seeds", "seed = \"18446744073709551616\"" },
        { "n", "1e20", "problem", "n = 1e20" },
        { "nonzeros", "rademacher,uniform", "problem", "nonzeros = \"rademacher,uniform\"" },
        { "support", "2", "problem", "support = \"2\"" },
        { "batch-mode", "epoch,uniform", "training", "batch_mode = \"epoch,uniform\"" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_value_is_refused_by_both_naming_the_field(string flag, string text, string table, string line)
    {
        var flagError = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { [flag] = text }));
        var tomlError = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse($"[{table}]\n{line}\n"));
        Assert.StartsWith("--" + flag, flagError.Message);
        Assert.Contains(table + "." + line[..line.IndexOf(' ')], tomlError.Message);
    }

    [Fact]
    public void Enum_words_select_exactly_their_value()
    {
        var spec = SweepSpecToml.Parse("[problem]\nnonzeros = \"Rademacher\"\nsupport = \"leading\"\n");
        Assert.Equal(NonzeroDistribution.Rademacher, spec.Nonzeros);
        Assert.Equal(SupportPlacement.Leading, spec.Support);
    }
}
