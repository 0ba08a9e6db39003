namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    // Unknown options on every command, and --config files and KEY=VALUE overrides that are refused.
    private static IEnumerable<BadInputCase> Configuration()
    {
        // Every command names an unknown option as such, whatever arguments it takes.
        foreach (var command in DlnCommand.Create().Subcommands.Select(c => c.Name))
            yield return new([command, "--bogus-option"], "unknown option --bogus-option", Label: $"config: {command} unknown option");
        yield return new(Reproduce("--stepsize", "0.1"), "unknown option --stepsize", Label: "config: reproduce --stepsize 0.1");
        yield return new(["reproduce", "--out", "{dir}/o", "--dataset", "3"], "did you mean --datasets?", Label: "config: reproduce --dataset hints --datasets");
        yield return new(Reproduce("--d", "0"), "--d: got 0; must be a positive integer", Label: "config: reproduce --d 0");
        yield return new(Sweep("--dryrun"), "unknown option --dryrun", Label: "config: sweep --dryrun");
        yield return new(Sweep("--dryrun"), "did you mean --dry-run?", Label: "config: sweep --dryrun hints --dry-run");
        yield return new(Sweep("{dir}/spec.toml", "--bogus", "1"), "unknown option --bogus", Setup: f => f.Text("spec.toml", "name = \"x\"\n"), Label: "config: sweep spec and unknown option");
        yield return new(Train("--json", "--trajectroy", "{dir}/x.csv"), "unknown option --trajectroy", Label: "config: train misspelt option");

        // Overrides of a sweep spec: a wrong key (with its table's keys), a wrong table, a wrong type, a value out of range.
        yield return new(Sweep("training.alfa=0.05"), "known keys of [training]", Label: "config: sweep override unknown key");
        yield return new(Sweep("trainig.alpha=0.05"), "trainig.alpha", Label: "config: sweep override unknown table");
        yield return new(Sweep("training.alpha=abc"), "training.alpha", Label: "config: sweep override not a number");
        yield return new(Sweep("seeds.datasets=0"), "seeds.datasets", Label: "config: sweep override out of range");
        yield return new(Sweep("stepsize.log.count=3"), "stepsize.log", Label: "config: sweep override part of a range");
        yield return new(Sweep("{dir}/spec.toml", "problem.width=3"), "problem.width", Setup: f => f.Text("spec.toml", "name = \"x\"\n"), Label: "config: sweep spec override unknown key");
        yield return new(Sweep("--dry-run", "seeds.datasets=0"), "seeds.datasets", Label: "config: sweep dry run checks the spec");

        // --config and overrides on train, solve and reproduce.
        yield return new(Train("--config", "{dir}/none.toml"), "none.toml", Label: "config: train missing config file");
        yield return new(Train("--config", "{dir}/c.toml"), "problem.width", Setup: f => f.Text("c.toml", "[problem]\nwidth = 3\n"), Label: "config: train config unknown key");
        yield return new(Train("--config", "{dir}/c.toml"), "--n", Setup: f => f.Text("c.toml", "[problem]\nn = 0\n"), Label: "config: train config value out of range");
        yield return new(Train("--config", "{dir}/c.toml"), "c.toml", Setup: f => f.Text("c.toml", "[problem\n"), Label: "config: train config not TOML");
        yield return new(Train("training.alfa=1"), "known keys of [training]", Label: "config: train override unknown key");
        yield return new(Train("problem.n=abc"), "--n", Label: "config: train override not an integer");
        yield return new(Solve("problem.bogus=1"), "problem.bogus", Label: "config: solve override unknown key");
        yield return new(Solve("--config", "{dir}/c.toml"), "--alpha", Setup: f => f.Text("c.toml", "[training]\nalpha = -1\n"), Label: "config: solve config alpha");
        yield return new(Reproduce("training.alpha=-1"), "--alpha", Label: "config: reproduce override alpha");
        yield return new(Reproduce("--config", "{dir}/c.toml"), "seeds.bogus", Setup: f => f.Text("c.toml", "[seeds]\nbogus = 1\n"), Label: "config: reproduce config unknown key");
        yield return new(Reproduce("--dry-run", "seeds.datasets=0"), "--datasets", Label: "config: reproduce dry run checks the settings");
    }
}
