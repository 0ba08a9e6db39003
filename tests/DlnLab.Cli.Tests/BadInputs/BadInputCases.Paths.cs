namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    /// <summary>What can sit at a path where a file is written, other than a regular file or nothing.</summary>
    private static (string Kind, Action<Fixture, string> Make)[] NotRegular =>
    [
        ("FIFO", (f, n) => f.Fifo(n)),
        ("null device", (f, n) => f.NullDevice(n)),
        ("zero device", (f, n) => f.ZeroDevice(n)),
        ("folder", (f, n) => f.Folder_(n)),
        ("link to a FIFO", (f, n) => f.Fifo(n + ".target").Symlink(n, f.P(n + ".target"))),
    ];

    // Class 1: output targets that are not regular files are refused, untouched; so are paths under a regular file.
    private static IEnumerable<BadInputCase> OutputTargets()
    {
        foreach (var (kind, make) in NotRegular)
        {
            yield return new(["train", "--max-steps", "50", "--trajectory", "{dir}/t.csv"], "--trajectory", Setup: f => make(f, "t.csv"), Label: $"train --trajectory onto a {kind}");
            yield return new(Sweep(), "--store", Setup: f => make(f, "s.db"), Label: $"sweep --store onto a {kind}");
            yield return new(["reproduce", "fig1", "--out", "{dir}/o"], "--out", Setup: f => { f.Folder_("o"); make(f, "o/fig1.csv"); }, Label: $"reproduce with fig1.csv a {kind}");
            yield return new(["reproduce", "fig4", "--out", "{dir}/o"], "--out", Setup: f => { f.Folder_("o"); make(f, "o/report.md"); }, Label: $"reproduce with report.md a {kind}");
            yield return new(["reproduce", "fig2", "--out", "{dir}/o"], "--out", Setup: f => { f.Folder_("o"); make(f, "o/runs.db"); }, Label: $"reproduce with runs.db a {kind}");
            if (kind != "folder")
            {
                yield return new(["reproduce", "fig1", "--out", "{dir}/o"], "--out", Setup: f => make(f, "o"), Label: $"reproduce --out a {kind}");
                yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out", Setup: f => { f.Text("s.db", ""); make(f, "e"); }, Label: $"export --out a {kind}");
            }
            yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--store", Setup: f => make(f, "s.db"), Label: $"export --store a {kind}");
        }
        foreach (var (kind, make) in new (string, Action<Fixture, string>)[]
                 {
                     ("dangling link", (f, n) => f.Symlink(n, f.P("missing/target"))),
                     ("link loop", (f, n) => f.Symlink(n, f.P(n + ".other")).Symlink(n + ".other", f.P(n))),
                 })
        {
            yield return new(TrainTo("{dir}/t.csv"), "--trajectory", Setup: f => make(f, "t.csv"), Label: $"train --trajectory onto a {kind}");
            yield return new(Sweep(), "--store", Setup: f => make(f, "s.db"), Label: $"sweep --store onto a {kind}");
            yield return new(["reproduce", "fig1", "--out", "{dir}/o"], "--out", Setup: f => make(f, "o"), Label: $"reproduce --out a {kind}");
            yield return new(["reproduce", "fig1", "--out", "{dir}/o"], "--out", Setup: f => { f.Folder_("o"); make(f, "o/report.html"); }, Label: $"reproduce with report.html a {kind}");
            yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out", Setup: f => { f.Text("s.db", ""); make(f, "e"); }, Label: $"export --out a {kind}");
        }
        yield return new(["reproduce", "fig1", "--out", "{dir}/o"], "--out", Setup: f => f.Text("o", "mine"), Label: "reproduce --out a regular file");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/e"], "--out", Setup: f => f.Text("s.db", "").Text("e", "mine"), Label: "export --out a regular file");
        yield return new(TrainTo("{dir}/f/t.csv"), "--trajectory", Setup: f => f.Text("f", "mine"), Label: "train --trajectory under a regular file");
        yield return new(TrainTo("{dir}/missing/t.csv"), "--trajectory", Label: "train --trajectory in a missing folder");
        yield return new(["sweep", "--store", "{dir}/f/s.db"], "--store", Setup: f => f.Text("f", "mine"), Label: "sweep --store under a regular file");
        yield return new(["sweep", "--store", "{dir}/f/g/s.db"], "--store", Setup: f => f.Text("f", "mine"), Label: "sweep --store two levels under a regular file");
        yield return new(["reproduce", "--out", "{dir}/f/o"], "--out", Setup: f => f.Text("f", "mine"), Label: "reproduce --out under a regular file");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/f/e"], "--out", Setup: f => f.Text("s.db", "").Text("f", "mine"), Label: "export --out under a regular file");
    }

    private static string[] TrainTo(string trajectory, params string[] args) => ["train", "--max-steps", "50", "--trajectory", trajectory, .. args];

    // Class 4 (inputs): files that are not regular are refused before they are read; sizes are checked before allocating.
    private static IEnumerable<BadInputCase> InputFiles()
    {
        foreach (var (kind, make) in NotRegular)
        {
            yield return new(Train("--data", "{dir}/p.npz"), "--data", Setup: f => make(f, "p.npz"), Label: $"train --data an .npz that is a {kind}") { MustContain = kind == "folder" ? "X" : "--data" };
            yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X", Setup: f => { f.Problem(yName: "y.npy", xName: "ok.npy"); make(f, "X.npy"); }, Label: $"train --data with X.npy a {kind}");
            yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.csv"), "y", Setup: f => { f.Problem(yName: "ok.npy"); make(f, "y.csv"); }, Label: $"train --data with y.csv a {kind}");
            yield return new(Train("--data", "{dir}/p"), "X", Setup: f => { f.Folder_("p"); make(f, "p/X.npy"); f.Text("p/y.csv", "1\n2\n"); }, Label: $"train --data a folder whose X.npy is a {kind}");
            yield return new(Sweep("{dir}/spec.toml"), "spec", Setup: f => make(f, "spec.toml"), Label: $"sweep spec that is a {kind}");
        }
        yield return new(Sweep("{dir}/missing.toml"), "spec", Label: "sweep spec that does not exist");
        yield return new(Sweep("{dir}/big.toml"), "spec", Setup: f => f.Bytes("big.toml", new byte[(1 << 20) + 1]), Label: "sweep spec of more than 1 MB");
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X",
            Setup: f => f.Npy("X.npy", "(20000, 30000)", 10).Npy("y.npy", "(20000,)", 20000), Label: "npy header announcing 20000 x 30000 over 10 entries");
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X",
            Setup: f => f.Npy("X.npy", "(2147483647, 2147483647)", 0).Npy("y.npy", "(3,)", 3), Label: "npy header with 2^62 entries");
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X",
            Setup: f => f.Npy("X.npy", "(4, 6)", 23).Npy("y.npy", "(4,)", 4), Label: "npy one entry short");
        yield return new(Train("--data", "{dir}/p.npz"), "data",
            Setup: f => f.Npz("p.npz", ("X", Fixture.NpyBytes("(20000, 30000)", 100)), ("y", Fixture.NpyBytes("(20000,)", 10))), Label: "npz entry announcing 20000 x 30000");
        yield return new(Train("--data", "{dir}/p.npz"), "data", Setup: f => f.Bytes("p.npz", [0x50, 0x4b, 3, 4, 1, 2, 3]), Label: "npz that is a truncated zip");
        yield return new(Train("--data", "{dir}/p.npz"), "data", Setup: f => f.Text("p.npz", "not a zip"), Label: "npz that is text");
        yield return new(Train("--data", "X={dir}/X.csv,y={dir}/y.csv"), "X", Setup: f => f.Text("X.csv", "1,2\n3\n").Text("y.csv", "1\n2\n"), Label: "ragged csv");
        yield return new(Train("--data", "X={dir}/X.csv,y={dir}/y.csv"), "X", Setup: f => f.Text("X.csv", "1,nan\n3,4\n").Text("y.csv", "1\n2\n"), Label: "csv with nan");
        yield return new(Train("--data", "X={dir}/X.csv,y={dir}/y.csv"), "y", Setup: f => f.Text("X.csv", "1,2\n3,4\n").Text("y.csv", "1\n2\n3\n"), Label: "y of the wrong length");
        yield return new(Train("--data", "X={dir}/X.npy,y={dir}/y.npy"), "X", Setup: f => f.Bytes("X.npy", "\u0093NUMPY"u8.ToArray()).Problem(xName: "ok.npy"), Label: "npy cut inside the magic");
    }

    // Class 4 (sizes): data, plans and grids beyond any machine are refused at once, without allocating.
    private static IEnumerable<BadInputCase> Memory()
    {
        yield return new(Train("--n", "20000", "--d", "20001"), "n * d");
        yield return new(Train("--n", "30000", "--d", "30000"), "n * d");
        yield return new(Train("--d", "100000000", "--n", "5", "--s", "3"), "n * d");
        yield return new(Train("--n-test", "100000000"), "--n-test");
        yield return new(Train("--n-test", "2147483647", "--d", "2147483647"), "n * d");
        yield return new(Train("--d", "1000000", "--n-test", "1000"), "--n-test");
        yield return new(Sweep("--datasets", "1000000", "--repeats", "1000000", "--n", "1,2,3,4,5,6,7,8,9,10", "--s", "0"), "grid");
        yield return new(Sweep("--datasets", "1000000", "--repeats", "1000000", "--stepsize-log", "1e-3:1e-1:100000", "--alpha", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
            "--n", "20,21,22,23,24,25,26,27,28,29", "--d", "30,31,32,33,34,35,36,37,38,39", "--s", "0"), "grid",
            Label: "sweep grid whose run count overflows 64 bits");
        yield return new(Sweep("--datasets", "100000", "--repeats", "1000"), "grid");
        yield return new(Sweep("--stepsize-linear", "0.001:0.1:2147483647"), "--stepsize-linear");
    }

    // Class 5: what a worker would reject is refused before the store exists.
    private static IEnumerable<BadInputCase> ValidatedBeforeCreation()
    {
        yield return new(Sweep("--d", "100000000"), "--d");
        yield return new(Sweep("--d", "30,100000000"), "--d");
        yield return new(Sweep("--n-test", "100000000"), "--n-test");
        yield return new(Sweep("--n", "20000", "--d", "30000"), "--d");
        yield return new(Sweep("--n", "20,30", "--batch-size", "25"), "--batch-size");
        yield return new(Sweep("--s", "31"), "--s");
        yield return new(Sweep("--d", "10,30", "--s", "20"), "--s");
        yield return new(Sweep("--max-steps", "0"), "--max-steps");
        yield return new(Sweep("--divergence-factor", "1"), "--divergence-factor");
        yield return new(Sweep("--bounce-factor", "0.5"), "--bounce-factor");
        yield return TomlText("d = 1e8 in the grid", "[problem]\nd = [30, 100000000]\n", "problem.d");
        yield return TomlText("n_test = 1e8", "[problem]\nn_test = 100000000\n", "problem.n_test");
    }

    // Class 6: empty paths and paths under /proc, /dev and /sys are user errors naming the flag.
    private static IEnumerable<BadInputCase> EmptyAndSystemPaths()
    {
        yield return new(TrainTo(""), "--trajectory", Label: "train --trajectory empty");
        yield return new(TrainTo("   "), "--trajectory", Label: "train --trajectory blank");
        yield return new(["sweep", "--store", ""], "--store", Label: "sweep --store empty");
        yield return new(["reproduce", "--out", ""], "--out", Label: "reproduce --out empty");
        yield return new(["export", "--store", "", "--out", "{dir}/e"], "--store", Label: "export --store empty");
        yield return new(["export", "--store", "{dir}/s.db", "--out", ""], "--out", Setup: f => f.Text("s.db", ""), Label: "export --out empty");
        yield return new(Train("--data", ""), "--data", Label: "train --data empty");
        yield return new(Sweep(""), "spec", Label: "sweep spec path empty");
        foreach (var path in new[] { "/proc/dln-test.csv", "/proc/self/dln-test.csv", "/sys/dln-test.csv", "/dev/dln-test.csv", "/dev/full" })
        {
            yield return new(TrainTo(path), "--trajectory");
            yield return new(["sweep", "--quiet", "--store", path + ".db"], "--store");
        }
        yield return new(["reproduce", "--out", "/proc/dln-test"], "--out");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "/proc/dln-test"], "--out", Setup: f => f.Text("s.db", ""));
        yield return new(TrainTo("/dev/stderr"), "--trajectory");
        string longName = new('a', 300);
        yield return new(TrainTo("{dir}/" + longName + ".csv"), "--trajectory", Label: "train --trajectory with a 300-byte name");
        yield return new(["sweep", "--quiet", "--store", "{dir}/" + longName + ".db"], "--store", Label: "sweep --store with a 300-byte name");
        yield return new(["reproduce", "--out", "{dir}/" + longName], "--out", Label: "reproduce --out with a 300-byte name");
        yield return new(["export", "--store", "{dir}/s.db", "--out", "{dir}/" + longName], "--out", Setup: f => f.Text("s.db", ""), Label: "export --out with a 300-byte name");
    }
}
