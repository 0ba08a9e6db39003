namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    private static string[] Solve(params string[] args) => ["solve", .. args];

    private static string[] Reproduce(params string[] args) => ["reproduce", "fig1", "--out", "{dir}/o", .. args];

    // Numbers in other spellings: other digits, separators, prefixes; every command reads them alike.
    private static IEnumerable<BadInputCase> OddNumbers()
    {
        string[] integers = ["0x10", "1_000", "١٢", "５", "0b101", "+", "-", "1,000", "∞", "٣", "5abc", "−5", "1 000"];
        string[] numbers = ["0x10", "1_000", "１", "0,1", "1e", "e5", "--5", "+-1", "−0.1", "٠٫١", "NaN(1)", "0.1 0.2"];
        foreach (var v in integers)
        {
            foreach (var flag in new[] { "--n", "--seed", "--checkpoints-per-decade" }) yield return new(Train(flag, v), flag, Label: $"audit: train {flag} {v}");
            yield return new(Sweep("--n", v), "--n", Label: $"audit: sweep --n {v}");
            yield return new(Sweep("--datasets", v), "--datasets", Label: $"audit: sweep --datasets {v}");
            yield return new(Solve("--n", v), "--n", Label: $"audit: solve --n {v}");
            yield return new(Reproduce("--datasets", v), "--datasets", Label: $"audit: reproduce --datasets {v}");
        }
        foreach (var v in numbers)
        {
            foreach (var flag in new[] { "--alpha", "--stepsize", "--tolerance" }) yield return new(Train(flag, v), flag, Label: $"audit: train {flag} {v}");
            yield return new(Sweep("--alpha", v), "--alpha", Label: $"audit: sweep --alpha {v}");
            yield return new(Solve("--alpha", v), "--alpha", Label: $"audit: solve --alpha {v}");
            yield return new(Reproduce("--alpha", v), "--alpha", Label: $"audit: reproduce --alpha {v}");
        }
        foreach (var v in new[] { "1e400", "-1", "x", "1_0", "0x10" })
        {
            yield return new(Reproduce("--max-steps", v), "--max-steps", Label: $"audit: reproduce --max-steps {v}");
            yield return new(Reproduce("--seed", v), "--seed", Label: $"audit: reproduce --seed {v}");
        }
        yield return new(Sweep("--alpha", "0.1,"), "--alpha", Label: "audit: sweep --alpha with a trailing comma");
        yield return new(Sweep("--n", "5,,6"), "--n", Label: "audit: sweep --n with an empty item");
    }

    // The model flags of train and solve: power:D needs an integer D in [2, 64]; u0 and v0 belong to uv.
    private static IEnumerable<BadInputCase> ModelFlags()
    {
        foreach (var v in new[] { "power:1", "power:x", "power:", "power:65", "power:0", "power:-2", "power:2.5", "uv:2", "vu", "", "power:3,uv", "power::3", "power:99999999999999999999", "power:３" })
        {
            yield return new(Train("--model", v), "--model", Label: $"audit: train --model {v}");
            yield return new(Solve("--model", v), "--model", Label: $"audit: solve --model {v}");
        }
        foreach (var flag in new[] { "--u0", "--v0" })
        {
            yield return new(Train("--model", "power:3", flag, "0.1"), flag, Label: $"audit: train power:3 with {flag}");
            yield return new(Solve("--model", "power:3", flag, "0.1"), flag, Label: $"audit: solve power:3 with {flag}");
            foreach (var v in new[] { "nan", "inf", "-inf", ",", "a", "1e400", "0.1,,0.2", "0.1,0.2,0.3" })
            {
                yield return new(Train(flag, v), flag, Label: $"audit: train {flag} {v}");
                yield return new(Solve(flag, v), flag, Label: $"audit: solve {flag} {v}");
            }
        }
    }

    // Options given twice, options after '--', unknown and misspelt commands.
    private static IEnumerable<BadInputCase> CommandLines()
    {
        yield return new(Train("--n", "5", "--n", "6"), "--n", Label: "audit: train --n given twice");
        yield return new(Train("--seed", "1", "--seed", "1"), "--seed", Label: "audit: train --seed given twice");
        yield return new(["sweep", "--store", "{dir}/a.db", "--store", "{dir}/b.db"], "--store", Label: "audit: sweep --store given twice");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/a", "--out", "{dir}/b"], "--out", Label: "audit: export --out given twice");
        yield return new(["reproduce", "--out", "{dir}/a", "--out", "{dir}/b"], "--out", Label: "audit: reproduce --out given twice");
        yield return new(Train("--", "--n", "5"), "'--'", Label: "audit: train option after --");
        yield return new(Solve("--", "--json"), "'--'", Label: "audit: solve option after --");
        yield return new(["reproduce", "--out", "{dir}/o", "--", "fig9"], "figures", Label: "audit: reproduce unknown figure after --");
        yield return new(["export", "--", "x"], "x", Label: "audit: export argument after --");
        yield return new(Reproduce("fig9"), "fig9", Label: "audit: reproduce unknown figure");
        foreach (var sub in new[] { "Train", "trian", "sweeps", "exprt", "version", "---help", "train/", " train", "ＴＲＡＩＮ", "train\n" })
            yield return new([sub], sub.Trim(), Label: $"audit: unknown command '{sub}'");
        yield return new(["train", "--HELP"], "--HELP", Label: "audit: train --HELP");
    }

    // Paths with odd names, trailing slashes, links into /proc, escapes by '..'.
    private static IEnumerable<BadInputCase> OddPaths()
    {
        yield return new(["sweep", "--quiet", "--store", "{dir}/s.db/", "--n", "5"], "--store", Label: "audit: sweep --store with a trailing slash");
        yield return new(TrainTo("{dir}/t.csv/"), "--trajectory", Label: "audit: train --trajectory with a trailing slash");
        yield return new(TrainTo("{dir}/../../../../../../../../proc/self/t.csv"), "--trajectory", Label: "audit: train --trajectory escaping into /proc by ..");
        yield return new(["sweep", "--quiet", "--store", "{dir}/../../../../../../../../proc/x.db"], "--store", Label: "audit: sweep --store escaping into /proc by ..");
        yield return new(["reproduce", "--out", "{dir}/../../../../../../../../proc/o"], "--out", Label: "audit: reproduce --out escaping into /proc by ..");
        foreach (var p in new[] { "/", "/dev/zero", "/dev/null", "/dev/tty", "{dir}/.", "{dir}/.." })
        {
            yield return new(TrainTo(p), "--trajectory", Label: $"audit: train --trajectory {p}");
            yield return new(["sweep", "--quiet", "--store", p], "--store", Label: $"audit: sweep --store {p}");
        }
        yield return new(["export", "--store", "/proc/self/status", "--out", "{dir}/e"], "--store", Label: "audit: export --store /proc/self/status");
        yield return new(["export", "--store", "/dev/null", "--out", "{dir}/e"], "--store", Label: "audit: export --store /dev/null");
        yield return new(["export", "--store", "{dir}", "--out", "{dir}/e"], "--store", Label: "audit: export --store a folder");
        yield return new(["export", "--store", "{dir}/données-β.db", "--out", "{dir}/e"], "--store", Label: "audit: export --store a missing unicode name");
        yield return new(TrainTo("{dir}/lp/t.csv"), "--trajectory", Setup: f => f.Symlink("lp", "/proc/self/dln-missing"), Label: "audit: train --trajectory in a folder that links into /proc");
        yield return new(["sweep", "--quiet", "--store", "{dir}/lp/x.db"], "--store", Setup: f => f.Symlink("lp", "/proc/self/dln-missing"), Label: "audit: sweep --store in a folder that links into /proc");
        yield return new(["reproduce", "--out", "{dir}/lp/o"], "--out", Setup: f => f.Symlink("lp", "/proc/self/dln-missing"), Label: "audit: reproduce --out in a folder that links into /proc");
        string longPath = "{dir}/" + string.Join('/', Enumerable.Repeat(new string('b', 200), 25)) + "/t.csv";
        yield return new(TrainTo(longPath), "--trajectory", Label: "audit: train --trajectory 5000 characters deep");
    }

    // .npy, .npz and CSV files that are not a problem.
    private static IEnumerable<BadInputCase> OddFiles()
    {
        var npys = new (string Label, string Shape, int Entries, string Descr)[]
        {
            ("0-d", "()", 1, "<f8"), ("3-d", "(2, 2, 6)", 24, "<f8"), ("1-d", "(24,)", 24, "<f8"), ("object dtype", "(4, 6)", 24, "|O"),
            ("complex dtype", "(4, 3)", 24, "<c16"), ("no rows", "(0, 6)", 0, "<f8"), ("no columns", "(4, 0)", 0, "<f8"), ("negative shape", "(-4, 6)", 24, "<f8"),
            ("code in the header", "__import__('os')", 24, "<f8"),
        };
        foreach (var (label, shape, entries, descr) in npys)
        {
            yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X", Setup: f => f.Npy("X.npy", shape, entries, descr).Npy("y.npy", "(4,)", 4), Label: $"audit: train X.npy {label}");
            yield return new(Solve("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X", Setup: f => f.Npy("X.npy", shape, entries, descr).Npy("y.npy", "(4,)", 4), Label: $"audit: solve X.npy {label}");
        }
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "y", Setup: f => f.Problem().Npy("y.npy", "(3,)", 3), Label: "audit: train y of 3 for n = 4");
        yield return new(Solve("--data", "X={dir}/X.npy,y={dir}/y.npy,beta_star={dir}/b.npy"), "beta_star", Setup: f => f.Problem().Npy("b.npy", "(5,)", 5), Label: "audit: solve beta_star of length 5 for d = 6");
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X", Setup: f => f.Problem().Bytes("X.npy", [0x93, .. "NUMPY"u8, 1, 0, 0xff, 0xff, .. new byte[100]]), Label: "audit: train npy header length beyond the file");
        var npzs = new (string Label, Action<Fixture> Make)[]
        {
            ("entries in nested folders", f => f.Npz("p.npz", ("a/b/X", Fixture.NpyBytes("(4, 6)", 24)), ("a/b/y", Fixture.NpyBytes("(4,)", 4)))),
            ("no y", f => f.Npz("p.npz", ("X", Fixture.NpyBytes("(4, 6)", 24)))),
            ("an empty archive", f => f.Npz("p.npz")),
            ("X that is text", f => f.Npz("p.npz", ("X", "hello"u8.ToArray()), ("y", Fixture.NpyBytes("(4,)", 4)))),
        };
        foreach (var (label, make) in npzs)
        {
            yield return new(Train("--data", "{dir}/p.npz"), "", Setup: make, Label: $"audit: train npz {label}");
            yield return new(Solve("--data", "{dir}/p.npz"), "", Setup: make, Label: $"audit: solve npz {label}");
        }
        var csvs = new (string Label, string X, string Y)[]
        {
            ("inf", "1,inf,3\n4,5,6\n", "1\n2\n"), ("a long row", "1,2,3\n4,5,6,7\n", "1\n2\n"), ("semicolons", "1;2;3\n4;5;6\n", "1\n2\n"),
            ("a trailing comma", "1,2,3,\n4,5,6,\n", "1\n2\n"), ("a decimal comma", "\"1,5\",2,3\n4,5,6\n", "1\n2\n"), ("an empty file", "", ""),
            ("only newlines", "\n\n\n", "\n"), ("hex", "0x1,2,3\n4,5,6\n", "1\n2\n"), ("y of two columns", "1,2,3\n4,5,6\n", "1,2\n3,4\n"),
            ("1e400", "1e400,2,3\n4,5,6\n", "1\n2\n"), ("three rows for two labels", "1,2,3\n4,5,6\n7,8,9\n", "1\n2\n"),
        };
        foreach (var (label, x, y) in csvs)
        {
            yield return new(Train("--data", "X={dir}/X.csv,y={dir}/y.csv"), "", Setup: f => f.Text("X.csv", x).Text("y.csv", y), Label: $"audit: train csv {label}");
            yield return new(Solve("--data", "X={dir}/X.csv,y={dir}/y.csv"), "", Setup: f => f.Text("X.csv", x).Text("y.csv", y), Label: $"audit: solve csv {label}");
        }
        foreach (var (label, value) in new[] { ("X empty", "X=,y={dir}/y.npy"), ("no y", "X={dir}/X.npy"), ("an unknown key", "X={dir}/X.npy,y={dir}/y.npy,z={dir}/y.npy"), ("a comma", ","), ("a missing folder", "{dir}/nope/") })
            yield return new(Train("--data", value), "", Setup: f => f.Problem(), Label: $"audit: train --data {label}");
    }

    // Sweep specs: TOML duplicates, mixed arrays, deep nesting, unknown tables, stepsizes and thresholds out of range.
    private static IEnumerable<BadInputCase> OddSpecs()
    {
        var specs = new (string Label, string Text, string MustContain)[]
        {
            ("a duplicate key", "name = \"a\"\nname = \"b\"\n", "spec.toml"), ("a duplicate table", "[problem]\nn = 5\n[problem]\nd = 6\n", "spec.toml"),
            ("a mixed array", "[training]\nalpha = [0.1, \"x\"]\n", "training.alpha"), ("arrays nested 5000 deep", "a = " + new string('[', 5000) + new string(']', 5000) + "\n", "spec.toml"),
            ("tables nested 2000 deep", "[" + string.Join('.', Enumerable.Repeat("a", 2000)) + "]\nx = 1\n", "a"), ("an unknown table", "[bogus]\nx = 1\n", "bogus"),
            ("an unknown key", "bogus = 1\n", "bogus"), ("stepsize 0 in values", "[stepsize]\nvalues = [0.1, 0]\n", "stepsize"),
            ("a negative stepsize", "[stepsize]\nvalues = [-0.1]\n", "stepsize"), ("no stepsizes", "[stepsize]\nvalues = []\n", "stepsize"),
            ("a stepsize nan", "[stepsize]\nvalues = [nan]\n", "stepsize"), ("a stepsize string", "[stepsize]\nvalues = [\"0.1\"]\n", "stepsize"),
            ("relative 0", "[stepsize]\nrelative = [0]\n", "stepsize.relative"), ("relative negative", "[stepsize]\nrelative = [-0.5]\n", "stepsize.relative"),
            ("threshold low above high", "[stepsize]\nrelative = [0.5]\n[threshold]\nlow = 1.0\nhigh = 0.1\n", "threshold.high"),
            ("threshold low equal to high", "[stepsize]\nrelative = [0.5]\n[threshold]\nlow = 1.0\nhigh = 1.0\n", "threshold.high"),
            ("threshold precision 0", "[stepsize]\nrelative = [0.5]\n[threshold]\nprecision = 0\n", "threshold.precision"),
            ("threshold precision 5", "[stepsize]\nrelative = [0.5]\n[threshold]\nprecision = 5\n", "threshold.precision"),
            ("a threshold without relative stepsizes", "[stepsize]\nvalues = [0.1]\n[threshold]\nlow = 0.1\nhigh = 1.0\n", "threshold.low"),
            ("a threshold and the default stepsize", "[threshold]\nhigh = 2.0\n", "threshold.high"),
            ("an unknown threshold key", "[threshold]\nlo = 0.1\n", "threshold.lo"), ("log count 0", "[stepsize]\nlog = { start = 0.001, stop = 0.1, count = 0 }\n", "stepsize.log"),
            ("log from a negative start", "[stepsize]\nlog = { start = -0.001, stop = 0.1, count = 3 }\n", "stepsize.log"),
            ("log with an unknown key", "[stepsize]\nlog = { start = 0.001, stop = 0.1, count = 3, base = 2 }\n", "stepsize.log"),
            ("linear count 2.5", "[stepsize]\nlinear = { start = 0.01, stop = 0.1, count = 2.5 }\n", "stepsize.linear"),
            ("stepsize values a string", "[stepsize]\nvalues = \"0.1\"\n", "stepsize"), ("stepsize a number", "stepsize = 0.1\n", "stepsize"),
            ("an empty name", "name = \"\"\n", "name"), ("a name table", "name = { a = 1 }\n", "name"), ("a name with a newline", "name = \"a\\nb\"\n", "name"),
            ("a name with a bell", "name = \"a\\u0007b\"\n", "name"), ("a date for n", "[problem]\nn = 1979-05-27T07:32:00Z\n", "problem.n"),
            ("batch size 0", "[training]\nbatch_size = 0\n", "training.batch_size"), ("batch size x", "[training]\nbatch_size = \"x\"\n", "training.batch_size"),
            ("batch size 1.5", "[training]\nbatch_size = 1.5\n", "training.batch_size"), ("data seeds and datasets", "[seeds]\ndatasets = 2\ndata_seeds = [1, 2]\n", "seeds.data_seeds"),
            ("a negative data seed", "[seeds]\ndata_seeds = [-1]\n", "seeds.data_seeds"), ("no data seeds", "[seeds]\ndata_seeds = []\n", "seeds.data_seeds"),
            ("a seed string in hex", "[seeds]\nseed = \"0x10\"\n", "seeds.seed"), ("n of 1e9 with underscores", "[problem]\nn = 1_000_000_000\n", "problem.n"),
            ("n of 2^63 - 1", "[problem]\nn = 9223372036854775807\n", "problem.n"), ("a model key", "[training]\nmodel = \"power:1\"\n", "training.model"),
            ("alpha 0", "[training]\nalpha = 0\n", "training.alpha"), ("alpha a table", "[training]\nalpha = { x = 1 }\n", "training.alpha"),
            ("problem a number", "problem = 3\n", "problem"), ("an array of training tables", "[[training]]\nalpha = 0.1\n", "training"),
            ("s above d", "[problem]\nd = 5\ns = 6\n", "problem.s"), ("n_test 0", "[problem]\nn_test = 0\n", "problem.n_test"),
            ("a negative tolerance", "[training]\ntolerance = -1e-5\n", "training.tolerance"), ("max_steps 1e20", "[training]\nmax_steps = 1e20\n", "training.max_steps"),
            ("max_steps a string", "[training]\nmax_steps = \"100\"\n", "training.max_steps"), ("an unterminated string", "name = \"abc\n", "spec.toml"),
            ("an empty key", "\"\" = 1\n", "spec.toml"), ("a byte-order mark and n = -1", "\ufeffname = \"x\"\n[problem]\nn = -1\n", "problem.n"),
            ("CRLF lines and n = -1", "name = \"x\"\r\n[problem]\r\nn = -1\r\n", "problem.n"), ("a NUL byte", "name = \"x\"\0\n", "spec.toml"),
        };
        foreach (var (label, text, mustContain) in specs) yield return TomlText(label, text, mustContain) with { Label = "audit: sweep spec: " + label };
        yield return new(Sweep("{dir}/spec.toml"), "spec", Setup: f => f.Bytes("spec.toml", [.. "name = \""u8, 0xff, 0xfe, .. "\"\n"u8]), Label: "audit: sweep spec that is not UTF-8");
        yield return new(Sweep("{dir}/spec"), "spec", Setup: f => f.Folder_("spec"), Label: "audit: sweep spec a folder");
        yield return new(Sweep("{dir}/spec.toml"), "spec", Setup: f => f.Symlink("spec.toml", "/dev/zero"), Label: "audit: sweep spec a link to /dev/zero");
        yield return new(Sweep("/proc/self/status"), "/proc/self/status", Label: "audit: sweep spec /proc/self/status");
        yield return new(["sweep", "{dir}/a.toml", "{dir}/b.toml", "--store", "{dir}/s.db"], "b.toml", Setup: f => f.Text("a.toml", "").Text("b.toml", ""), Label: "audit: sweep two spec files");
        foreach (var (label, args, mustContain) in new (string, string[], string)[]
                 {
                     ("stepsize list with 0", ["--stepsize", "0.1,0"], "--stepsize"), ("a negative stepsize in a list", ["--stepsize", "0.1,-0.2"], "--stepsize"),
                     ("a threshold without relative stepsizes", ["--threshold-low", "0.1"], "--threshold-low"),
                     ("threshold precision 0", ["--stepsize-relative", "0.5", "--threshold-precision", "0"], "--threshold-precision"),
                     ("threshold low equal to high", ["--stepsize-relative", "0.5", "--threshold-low", "1", "--threshold-high", "1"], "--threshold-high"),
                     ("relative 0", ["--stepsize-relative", "0"], "--stepsize-relative"), ("batch sizes with 0", ["--batch-size", "1,0"], "--batch-size"),
                     ("batch sizes n and full", ["--batch-size", "n,full"], "--batch-size"), ("s above d in a list", ["--d", "5", "--s", "3,6"], "--s"),
                     ("--model power:1 in a list", ["--model", "uv,power:1"], "--model"), ("--u0 with power:3", ["--model", "power:3", "--u0", "0.1"], "--u0"), ("a name with a newline", ["--name", "a\nb"], "--name"),
                     ("a name with a control character", ["--name", "a\u0001b"], "--name"), ("a name of 10000 characters", ["--name", new string('x', 10000)], "--name"),
                     ("no data seeds", ["--data-seeds", ""], "--data-seeds"), ("a log range of 1e9 stepsizes", ["--stepsize-log", "1e-3:1e-1:1e9"], "--stepsize-log"),
                     ("a linear range from 0", ["--stepsize-linear", "0:1e-1:3"], "--stepsize-linear"), ("seed 2^64", ["--seed", "18446744073709551616"], "--seed"),
                     ("repeats 0", ["--repeats", "0"], "--repeats"), ("datasets 0", ["--datasets", "0"], "--datasets"), ("n-test 0", ["--n-test", "0"], "--n-test"),
                     ("max-steps a list", ["--max-steps", "10,20"], "--max-steps"), ("tolerance a list", ["--tolerance", "1e-5,1e-6"], "--tolerance"),
                 })
            yield return new(Sweep(args), mustContain, Label: "audit: sweep " + label);
    }

    // Anything but a previous export's regular file under an export's own name is refused before anything is written.
    private static IEnumerable<BadInputCase> ExportFolderEntries()
    {
        foreach (var name in new[] { "runs.csv", "runs.npz", "gain.npy", "beta.npy", "thresholds.csv" })
            foreach (var (kind, make) in NotRegular)
                yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out",
                    Setup: f => { Store(f); f.Folder_("e"); make(f, "e/" + name); }, Label: $"audit: export with e/{name} a {kind}");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out",
            Setup: f => { Store(f); f.Folder_("e").Text("mine.txt", "mine").Symlink("e/runs.csv", f.P("mine.txt")); }, Label: "audit: export with e/runs.csv a link to a file of the user's");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out", Setup: f => { Store(f); f.Symlink("e", f.Folder); }, Label: "audit: export --out a link to the store's folder");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e/.."], "--out", Setup: Store, Label: "audit: export --out the store's folder by ..");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e", "--sweep", "=HYPERLINK(\"x\")"], "--sweep", Setup: Store, Label: "audit: export an unknown sweep");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e", "--sweep", ""], "--sweep", Setup: Store, Label: "audit: export an empty sweep name");
    }
}
