using DlnLab.Experiments.Configuration;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>KEY=VALUE overrides on a sweep spec: every key of the schema, typed as in the file, wrong keys refused.</summary>
public class SpecOverrideTests
{
    // Documents an override may start from: a key that needs others (a range's parts, the bisection of a relative axis,
    // the checkpoint spacing of kept trajectories)
    // is set on the one that has them. These are values, not keys: the keys come from the schema.
    private static readonly string[] Bases =
    [
        "",
        "[stepsize]\nrelative = [0.5]\n",
        "[stepsize]\nlog = { start = 0.001, stop = 0.1, count = 3 }\n",
        "[stepsize]\nlinear = { start = 0.001, stop = 0.1, count = 3 }\n",
        "[training]\nkeep_trajectories = true\n",
    ];

    private static readonly string[] Candidates =
        ["7", "0.5", "1e-4", "[7, 8]", "[0.5, 0.25]", "true", "leading", "rademacher", "epoch", "power:3", "x"];

    private static string Json(SweepSpec spec) => SweepSpecJson.Serialize(spec);

    /// <summary>The first (base, value) for which key=value builds a spec other than the base's, or null.</summary>
    private static (string Base, string Value, SweepSpec Spec)? Setting(string key)
    {
        foreach (var b in Bases)
        {
            string before = Json(SweepSpecToml.Parse(b, "base.toml"));
            foreach (var value in Candidates)
            {
                SweepSpec spec;
                try { spec = SweepSpecToml.Parse(b, "base.toml", $"{key}={value}"); }
                catch (InvalidInputException) { continue; }
                if (Json(spec) != before) return (b, value, spec);
            }
        }
        return null;
    }

    [Fact]
    public void EveryKeyOfTheSchemaIsSettableByAnOverride()
    {
        Assert.NotEmpty(SweepSpecToml.Schema.Keys);
        var unsettable = SweepSpecToml.Schema.Keys.Where(k => Setting(k) is null).Order(StringComparer.Ordinal).ToList();
        Assert.True(unsettable.Count == 0, "not settable by KEY=VALUE: " + string.Join(", ", unsettable));
    }

    [Fact]
    public void TheDryRunTomlWritesEveryKeyAndReadsBackToTheSameSpec()
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in SweepSpecToml.Schema.Keys)
        {
            var spec = Setting(key)!.Value.Spec;
            string toml = SweepSpecTomlWriter.Write(spec);
            Assert.Equal(Json(spec), Json(SweepSpecToml.Parse(toml, "written.toml")));
            written.UnionWith(SweepSpecTomlWriter.Values(spec).Select(v => v.Key));
        }
        // A range is written as an inline table: its parts are its keys.
        var expected = SweepSpecToml.Schema.Keys.Select(k => k.Count(c => c == '.') == 2 ? k[..k.LastIndexOf('.')] : k).ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnOverrideEqualsTheSameValueInTheFile()
    {
        const string file = "[training]\nalpha = 0.1\n[seeds]\ndatasets = 2\n";
        Assert.Equal(Json(SweepSpecToml.Parse("[training]\nalpha = [0.05, 0.2]\nbatch_size = [1, \"n\"]\nmodel = \"power:3\"\n[seeds]\ndatasets = 3\n")),
            Json(SweepSpecToml.Parse(file, "f.toml", "training.alpha=[0.05, 0.2]", "seeds.datasets=3", "training.batch_size=1,n", "training.model=power:3")));
        // Words, comma lists and seeds beyond TOML's integers, as on the command line.
        var spec = SweepSpecToml.Parse("", "f.toml", "problem.support=leading", "training.alpha=0.05,0.1", "seeds.seed=18446744073709551615");
        Assert.Equal(DlnLab.Problems.SupportPlacement.Leading, spec.Support);
        Assert.Equal([0.05, 0.1], spec.Alpha);
        Assert.Equal(ulong.MaxValue, spec.Seed);
    }

    [Fact]
    public void AnOverrideReplacesTheKeysItExcludes()
    {
        const string file = "[stepsize]\nlog = { start = 0.001, stop = 0.1, count = 3 }\n[seeds]\ndata_seeds = [4, 5]\n";
        var spec = SweepSpecToml.Parse(file, "f.toml", "stepsize.values=[0.01]", "seeds.datasets=3");
        Assert.Equal(StepsizeAxis.List(0.01).Points(), spec.Stepsize.Points());
        Assert.Null(spec.DataSeeds);
        Assert.Equal(3, spec.Datasets);
        var log = SweepSpecToml.Parse(file, "f.toml", "stepsize.log.count=5");
        Assert.Equal(5, log.Stepsize.Count);
        // Two overrides that exclude each other are refused, as in a file.
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse("", "f.toml", "stepsize.values=[0.01]", "stepsize.relative=[0.5]"));
        Assert.Contains("conflicts", e.Message);
    }

    [Fact]
    public void AWrongKeyIsRefusedWithTheKnownKeysOfItsTable()
    {
        foreach (var table in SweepSpecToml.Schema.Keys.Where(k => k.Contains('.')).Select(k => k[..k.IndexOf('.')]).Distinct())
        {
            var e = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse("", "f.toml", $"{table}.bogus=1"));
            Assert.StartsWith($"{table}.bogus:", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            foreach (var key in SweepSpecToml.Schema.Keys.Where(k => k.StartsWith(table + ".", StringComparison.Ordinal)))
                Assert.Contains(key[(table.Length + 1)..].Split('.')[0], e.Message);
        }
        var top = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse("", "f.toml", "trainig.alpha=1"));
        Assert.Contains("training", top.Message);
        Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse("", "f.toml", "training.alpha=abc"));
        Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse("", "f.toml", "=1"));
    }
}
