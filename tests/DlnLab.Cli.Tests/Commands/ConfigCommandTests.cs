using System.CommandLine;
using System.Text.Json;
using DlnLab.Cli.Options;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>--config FILE.toml and KEY=VALUE overrides on train, solve and reproduce; --dry-run on sweep and reproduce.</summary>
public class ConfigCommandTests
{
    private static readonly string[] Train =
        ["train", "--n", "10", "--d", "15", "--s", "2", "--max-steps", "300", "--stepsize", "0.01", "--json"];

    private static JsonElement Json(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    public static TheoryData<string> ConfigurableCommands()
    {
        var data = new TheoryData<string>();
        foreach (var c in DlnCommand.Create().Subcommands.Where(c => CommandConfig.Of(c) is not null)) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void Train_solve_and_reproduce_take_a_config()
    {
        var names = DlnCommand.Create().Subcommands.Where(c => CommandConfig.Of(c) is not null).Select(c => c.Name);
        Assert.Equal(new[] { "reproduce", "solve", "train" }, names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ConfigurableCommands))]
    public void Every_key_of_a_commands_config_is_settable_by_an_override(string name)
    {
        var root = DlnCommand.Create();
        var command = root.Subcommands.Single(c => c.Name == name);
        var config = CommandConfig.Of(command)!;
        Assert.NotEmpty(config.Keys);
        Assert.Equal(config.Keys.Count, config.Keys.Select(k => k.Key).Distinct().Count());
        foreach (var (key, option) in config.Keys)
        {
            string[] args = [name, $"{key}=7"];
            var expanded = config.Expand(root.Parse(args), args);
            var result = root.Parse(expanded).GetResult(option);
            Assert.True(result is { Implicit: false }, $"{name}: {key} does not set {option.Name}");
            Assert.Equal(["7"], result!.Tokens.Select(t => t.Value));
        }
    }

    [Fact]
    public void A_config_file_gives_the_options_and_the_command_line_wins()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("c.toml"), "[problem]\nn = 12\nd = 15\n[training]\nalpha = 0.2\nmax_steps = 300\n[seeds]\ndata_seed = 5\n");
        string[] withoutN = [.. Train.Where((_, i) => i < 1 || i > 2)];
        var fromFlags = Json(CliRunner.Run([.. withoutN, "--n", "12", "--alpha", "0.3", "--data-seed", "5"]));
        var fromFile = Json(CliRunner.Run([.. withoutN, "--config", temp.File("c.toml"), "--alpha", "0.3"]));
        Assert.Equal(fromFlags.GetProperty("beta").ToString(), fromFile.GetProperty("beta").ToString());
        // An override sets a key the same way.
        var fromOverride = Json(CliRunner.Run([.. withoutN, "problem.n=12", "training.alpha=0.3", "seeds.data_seed=5"]));
        Assert.Equal(fromFlags.GetProperty("beta").ToString(), fromOverride.GetProperty("beta").ToString());
    }

    [Fact]
    public void The_resolved_config_of_train_and_solve_reproduces_their_results()
    {
        using var temp = new TempFolder();
        foreach (var args in new[] { Train, ["solve", "--n", "10", "--d", "15", "--s", "2", "--alpha", "0.2", "--json"] })
        {
            var first = Json(CliRunner.Run(args));
            JsonElement Config(JsonElement j) => args[0] == "train" ? j.GetProperty("spec").GetProperty("config") : j.GetProperty("config");
            string config = Config(first).GetString()!;
            Assert.Contains("[problem]", config);
            File.WriteAllText(temp.File(args[0] + ".toml"), config);
            var again = Json(CliRunner.Run(args[0], "--json", "--config", temp.File(args[0] + ".toml")));
            Assert.Equal(config, Config(again).GetString());
            string field = args[0] == "train" ? "beta" : "interpolators";
            Assert.Equal(first.GetProperty(field).ToString(), again.GetProperty(field).ToString());
        }
    }

    [Fact]
    public void Sweep_dry_run_prints_the_spec_and_its_counts_and_creates_nothing()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("sweep", "--store", temp.File("s.db"), "--dry-run", "stepsize.relative=[0.5, 1.0]", "seeds.datasets=3", "training.batch_size=1,n");
        Assert.True(run.ExitCode == 0, run.Err);
        var spec = SweepSpecToml.Parse(run.Out, "printed.toml");
        var runs = spec.Expand();
        Assert.Equal(12, runs.Count);
        Assert.Contains("means 12 runs and 6 bisections", run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Reproduce_dry_run_prints_its_config_and_sweeps_and_creates_nothing()
    {
        using var temp = new TempFolder();
        string output = temp.File("out");
        var run = CliRunner.Run("reproduce", "fig4", "--out", output, "--dry-run", "seeds.datasets=2");
        Assert.True(run.ExitCode == 0, run.Err);
        var settings = new ReproductionSettings { Datasets = 2 };
        foreach (var sweep in Reproducer.Sweeps(settings, ["fig4"]))
            Assert.Contains($"'{sweep.Name}' means {sweep.Expand().Count} runs and {DryRun.Bisections(sweep.Expand())} bisections", run.Out);
        Assert.Contains("[seeds]\ndatasets = 2\n", run.Out);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Reproduce_reads_figures_and_overrides_alike()
    {
        var run = CliRunner.Run("reproduce", "fig9=1", "--dry-run");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fig9", run.Err);
    }

    [Fact]
    public void Slurm_with_overrides_gives_its_tasks_the_resolved_spec()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("spec.toml"), SweepCommandTests.TinySpec);
        string dir = temp.File("job");
        var run = CliRunner.Run("slurm", temp.File("spec.toml"), "training.alpha=[0.05, 0.2]", "--shards", "2", "--out", dir);
        Assert.True(run.ExitCode == 0, run.Err);
        var expected = SweepSpecToml.Load(temp.File("spec.toml"), "training.alpha=[0.05, 0.2]");
        Assert.Equal(SweepSpecJson.Serialize(expected), SweepSpecJson.Serialize(SweepSpecToml.Load(Path.Combine(dir, "spec.toml"))));
        Assert.Equal(expected.Expand().Select(r => r.Key), SweepSpecToml.Load(Path.Combine(dir, "spec.toml")).Expand().Select(r => r.Key));
    }
}
