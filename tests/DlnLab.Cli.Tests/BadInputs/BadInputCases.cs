namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// The bad inputs of the suite, by class. Each source below is a method returning cases; <see cref="All"/> gathers
/// them. To add a class of cases, write a method (in its own file of this partial class if it is long) and add it to
/// <see cref="Sources"/>: nothing else changes.
/// </summary>
public static partial class BadInputCases
{
    /// <summary>Every source of cases. The cases of foreign and damaged stores live in <see cref="Stores"/>.</summary>
    private static IEnumerable<BadInputCase>[] Sources =>
    [
        TrainValues(), SweepFlagValues(), SweepTomlValues(), OutputTargets(), InputFiles(), Memory(), ValidatedBeforeCreation(),
        EmptyAndSystemPaths(), Stores(), OddNumbers(), ModelFlags(), CommandLines(), OddPaths(), OddFiles(), OddSpecs(), ExportFolderEntries(), Clusters(), InputDistribution(), Configuration(),
    ];

    /// <summary>The cases by name (names are unique).</summary>
    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Sources.SelectMany(s => s).ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>`dln sweep` with a store inside the case's folder, so that a case wrongly accepted leaves a trace there.</summary>
    private static string[] Sweep(params string[] args) => ["sweep", "--store", "{dir}/s.db", "--quiet", .. args];

    private static string[] Train(params string[] args) => ["train", "--max-steps", "50", "--trajectory", "{dir}/t.csv", .. args];

    // Class 9 and the rest of the value errors of train: every numeric option, each value it cannot take.
    private static IEnumerable<BadInputCase> TrainValues()
    {
        string[] integers = ["--n", "--d", "--s", "--n-test", "--data-seed", "--seed", "--loss-check-interval", "--checkpoints-per-decade"];
        string[] notIntegers = ["abc", "1.5", "NaN", "-1", "99999999999999999999", "1e400", "Infinity", "", "1e5.5", "0x10"];
        foreach (var flag in integers)
            foreach (var value in notIntegers)
                yield return new(Train(flag, value), flag);
        foreach (var value in new[] { "abc", "1.5", "NaN", "-1", "0", "1e400", "99999999999999999999", "" })
            yield return new(["train", "--max-steps", value], "--max-steps");
        string[] positives = ["--scale", "--alpha", "--stepsize", "--divergence-factor", "--bounce-factor"];
        string[] nonNegatives = ["--noise", "--tolerance"];
        string[] notNumbers = ["abc", "NaN", "Infinity", "-Infinity", "-1", "1e400", ""];
        foreach (var flag in positives.Concat(nonNegatives))
            foreach (var value in notNumbers)
                yield return new(Train(flag, value), flag);
        foreach (var flag in positives) yield return new(Train(flag, "0"), flag);
        foreach (var value in new[] { "0", "21", "1.5", "1e9", "many", "" }) yield return new(Train("--batch-size", value), "--batch-size");
        foreach (var (flag, value) in new[] { ("--nonzeros", "rademacher,uniform"), ("--nonzeros", "2"), ("--support", "leading,random"), ("--support", ""), ("--batch-mode", "epoch,uniform"), ("--batch-mode", "0") })
            yield return new(Train(flag, value), flag);
        yield return new(Train("--stepsize", "step:0.1,2"), "--stepsize");
        yield return new(Train("--stepsize", "inv:0.1"), "--stepsize");
        yield return new(Train("--stepsize", "list:"), "--stepsize");
        yield return new(Train("--alpha", "0.1,0.2"), "--alpha");
        yield return new(Train("--alpha", "0.1,,0.2"), "--alpha");
        yield return new(Train("--alpha", ","), "--alpha");
        yield return new(Train("--checkpoints-per-decade", "2147483647"), "--checkpoints-per-decade");
        yield return new(Train("--checkpoints-per-decade", "1001"), "--checkpoints-per-decade");
        yield return new(Train("--data", "X={dir}/a.csv,y={dir}/b.csv,X={dir}/c.csv"), "--data");
        yield return new(Train("--data", "{dir}/p.npz", "--n", "5"), "--n", Setup: f => f.Text("p.npz", ""), Label: "train --data with a generator option");
        yield return new(["train", "--bogus"], "--bogus");
        yield return new(["bogus"], "bogus");
        yield return new(["train", "extra"], "extra");
    }

    // Class 9 for sweep flags: the same values as the TOML keys below, refused the same way.
    private static IEnumerable<BadInputCase> SweepFlagValues()
    {
        string[] integers = ["--n", "--d", "--s", "--datasets", "--repeats", "--n-test", "--seed", "--max-steps", "--loss-check-interval"];
        string[] notIntegers = ["abc", "1.5", "NaN", "-1", "99999999999999999999", "1e400", "Infinity", ""];
        foreach (var flag in integers)
            foreach (var value in notIntegers)
                yield return new(Sweep(flag, value), flag);
        string[] numbers = ["--alpha", "--noise", "--scale", "--tolerance", "--divergence-factor", "--bounce-factor", "--stepsize",
            "--threshold-low", "--threshold-high", "--threshold-precision", "--stepsize-relative"];
        foreach (var flag in numbers)
            foreach (var value in new[] { "abc", "NaN", "Infinity", "-1", "" })
                yield return new(Sweep(flag, value), flag);
        foreach (var flag in new[] { "--nonzeros", "--support", "--batch-mode" })
            foreach (var value in new[] { "rademacher,uniform", "2", "x", "" })
                yield return new(Sweep(flag, value), flag);
        foreach (var value in new[] { "1e-3:1e-1", "1e-3:1e-1:0", "1e-3:1e-1:1.5", "a:b:c", "1e-1:1e-1:3", "-1:1:3" })
        {
            yield return new(Sweep("--stepsize-log", value), "--stepsize-log");
            yield return new(Sweep("--stepsize-linear", value), "--stepsize-linear");
        }
        yield return new(Sweep("--batch-size", "0"), "--batch-size");
        yield return new(Sweep("--batch-size", "21"), "--batch-size");
        yield return new(Sweep("--batch-size", "m"), "--batch-size");
        yield return new(Sweep("--n", "20,20"), "--n");
        yield return new(Sweep("--data-seeds", "1,-2"), "--data-seeds");
        yield return new(Sweep("--data-seeds", "18446744073709551616"), "--data-seeds");
        yield return new(Sweep("--datasets", "2", "--data-seeds", "1,2"), "--data-seeds");
        yield return new(Sweep("--stepsize", "0.1", "--stepsize-log", "1e-3:1e-1:3"), "stepsize");
        yield return new(Sweep("--name", ""), "--name");
        yield return new(Sweep("--threads", "0"), "--threads");
        yield return new(Sweep("--threads", "-3"), "--threads");
        yield return new(Sweep("--threshold-low", "1", "--threshold-high", "0.5", "--stepsize-relative", "0.5"), "--threshold-high");
    }

    // Class 9 in TOML: enum words parse exactly, numbers as the flags read them.
    private static IEnumerable<BadInputCase> SweepTomlValues()
    {
        string[] integers = ["problem.n", "problem.d", "problem.s", "problem.n_test", "seeds.datasets", "seeds.repeats", "seeds.seed",
            "training.max_steps", "training.loss_check_interval"];
        string[] notIntegers = ["\"abc\"", "1.5", "nan", "-1", "inf", "true", "[]", "-inf"];
        foreach (var key in integers)
            foreach (var value in notIntegers)
                yield return Toml(key, value);
        foreach (var key in new[] { "problem.nonzeros", "problem.support", "training.batch_mode" })
            foreach (var value in new[] { "\"rademacher,uniform\"", "\"leading, random\"", "\"epoch|uniform\"", "\"2\"", "\"\"", "1" })
                yield return Toml(key, value);
        foreach (var key in new[] { "training.alpha", "problem.noise", "problem.scale", "training.tolerance", "training.divergence_factor", "training.bounce_factor" })
            foreach (var value in new[] { "\"abc\"", "nan", "inf", "-1.0", "true" })
                yield return Toml(key, value);
        yield return TomlText("seed above 2^63 - 1 as a bare integer", "[seeds]\nseed = 18446744073709551615\n", "as a string");
        yield return TomlText("seed of 2^64 as a string", "[seeds]\nseed = \"18446744073709551616\"\n", "seeds.seed");
        yield return TomlText("max_steps = 1e5.5", "[training]\nmax_steps = 100000.5\n", "training.max_steps");
        yield return TomlText("unknown key", "[problem]\nwidth = 3\n", "problem.width");
        yield return TomlText("syntax error", "[problem\nn = 3\n", "spec.toml");
        yield return TomlText("two stepsize axes", "[stepsize]\nvalues = [0.1]\nrelative = [0.5]\n", "stepsize");
        yield return TomlText("array of tables", "[[problem]]\nn = 3\n", "problem");
        yield return TomlText("nested list", "[problem]\nn = [[20]]\n", "problem.n");
        yield return TomlText("repeated axis value", "[training]\nalpha = [0.1, 0.1]\n", "training.alpha");
        yield return TomlText("log range without count", "[stepsize]\nlog = { start = 0.001, stop = 0.1 }\n", "stepsize.log");
        yield return new(["sweep", "{dir}/spec.toml", "--store", "{dir}/s.db", "--n", "0"], "--n",
            Setup: f => f.Text("spec.toml", "name = \"x\"\n"), Label: "spec file and a bad flag");
    }

    private static BadInputCase Toml(string key, string value)
    {
        int dot = key.IndexOf('.');
        string text = dot < 0 ? $"{key} = {value}\n" : $"[{key[..dot]}]\n{key[(dot + 1)..]} = {value}\n";
        return TomlText($"toml {key} = {value}", text, key);
    }

    private static BadInputCase TomlText(string label, string text, string mustContain) =>
        new(["sweep", "{dir}/spec.toml", "--store", "{dir}/s.db", "--quiet"], mustContain, Setup: f => f.Text("spec.toml", text), Label: "sweep spec: " + label);
}
