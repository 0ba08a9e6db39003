using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class SweepSpecTomlTests
{
    private static InvalidInputException Error(string toml) =>
        Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse(toml, "bad.toml"));

    [Fact]
    public void ExampleFileParses()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DlnLab.slnx"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var spec = SweepSpecToml.Load(Path.Combine(dir, "examples", "sweep.toml"));
        Assert.Equal("fig1-stepsize", spec.Name);
        Assert.Equal([1, SweepSpec.FullBatch], spec.BatchSize);
        Assert.True(spec.Stepsize.IsRelative);
        Assert.Equal(5 * 2 * 10, spec.Expand().Count);
    }

    [Fact]
    public void UnknownKeyIsReportedWithLineAndColumn()
    {
        var e = Error("name = \"x\"\n[problem]\nn = 20\n  dd = 30\n");
        Assert.StartsWith("bad.toml:4:3: problem.dd", e.Message);
        Assert.Contains("not a known key", e.Message);
    }

    [Fact]
    public void UnknownTableIsReported()
    {
        var e = Error("[problme]\nn = 20\n");
        Assert.StartsWith("bad.toml:1:2: problme", e.Message);
    }

    [Fact]
    public void WrongTypeIsReportedWithLineAndColumn()
    {
        var e = Error("[training]\nmax_steps = \"many\"\n");
        Assert.StartsWith("bad.toml:2:1: training.max_steps", e.Message);
        Assert.Contains("must be an integer", e.Message);
        var f = Error("[problem]\nn = [20, 2.5]\n");
        Assert.StartsWith("bad.toml:2:10: problem.n[1]", f.Message);
    }

    [Fact]
    public void EmptyGridIsReported()
    {
        var e = Error("[training]\nalpha = []\n");
        Assert.StartsWith("bad.toml:2:1: training.alpha", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void OutOfRangeValuesAreReportedAtTheirItem()
    {
        var e = Error("[problem]\nn = [20, 0]\n");
        Assert.StartsWith("bad.toml:2:10: problem.n[1]", e.Message);
        var s = Error("[problem]\nd = 30\ns = 31\n");
        Assert.StartsWith("bad.toml:3:1: problem.s", s.Message);
        var b = Error("[problem]\nn = 10\n[training]\nbatch_size = [1, 11]\n");
        Assert.StartsWith("bad.toml:4:18: training.batch_size[1]", b.Message);
        var r = Error("[stepsize]\nlog = { start = 1e-3, stop = 1e-1, count = 0 }\n");
        Assert.StartsWith("bad.toml:2:36: stepsize.log.count", r.Message);
    }

    [Fact]
    public void ConflictingStepsizeAxesAndSyntaxErrorsAreReported()
    {
        var e = Error("[stepsize]\nvalues = [0.1]\nrelative = [0.5]\n");
        Assert.Contains("conflicts", e.Message);
        var s = Error("[problem]\nn = = 3\n");
        Assert.StartsWith("bad.toml:2:", s.Message);
    }

    [Fact]
    public void FlagsBuildTheSameSpecAsToml()
    {
        var flags = new Dictionary<string, string>
        {
            ["name"] = "small", ["seed"] = "5", ["datasets"] = "2", ["n"] = "20", ["d"] = "30", ["s"] = "3", ["n-test"] = "50",
            ["alpha"] = "0.1", ["batch-size"] = "1,n", ["max-steps"] = "3000", ["tolerance"] = "1e-3", ["stepsize"] = "0.01,0.02,0.05",
        };
        var fromFlags = SweepSpecFlags.Build(flags).Expand();
        Assert.Equal(TestSweeps.Small().Expand().Select(r => r.Key), fromFlags.Select(r => r.Key));
        var log = SweepSpecFlags.Build(new Dictionary<string, string> { ["stepsize-log"] = "1e-3:1e-1:4" });
        Assert.Equal(4, log.Stepsize.Points().Length);
    }

    [Fact]
    public void FlagErrorsNameTheFlag()
    {
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["batch-size"] = "0" }));
        Assert.StartsWith("--batch-size", e.Message);
        var u = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["bach-size"] = "1" }));
        Assert.StartsWith("--bach-size", u.Message);
        var t = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["alpha"] = "0.1,x" }));
        Assert.StartsWith("--alpha[1]", t.Message);
        var r = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["stepsize-log"] = "1e-3:1e-1" }));
        Assert.StartsWith("--stepsize-log", r.Message);
    }
}
