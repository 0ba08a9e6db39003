using DlnLab.Analysis;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Experiments.Tests.Storage;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>The model and its start (u0, v0) as sweep axes: keys, TOML and flags, validation, stored columns, theory.</summary>
public class ModelAxisTests
{
    // Computed by the code before these axes existed (commit 4d89287): the runs of uv from the report's start keep them.
    [Fact]
    public void DefaultRunsKeepTheKeysTheyHadBeforeTheModelAxes()
    {
        var plain = new SweepSpec().Expand().Single();
        Assert.Equal("4bd0e07bbe963693198e051c87a66009", plain.Key);
        Assert.Equal("462d2d74824de5cc6a489068ce470b63", plain.ThresholdKey);

        var grid = new SweepSpec { Name = "fig1", Alpha = [0.1, 1], BatchSize = [1, SweepSpec.FullBatch], Stepsize = StepsizeAxis.List(0.01, 0.05) }.Expand();
        Assert.Equal(
            ["82689886a85cc7455e8a14f776827acb", "306c134404e621be5594501d766201c3", "9f54bcb3bc2d1cc0f707d9c11006c610", "90b5bfa4593b45d30e433bfb792fd704",
             "4b0f80e3757b0d5cca4bde4300155844", "7aac25ae05c87cd18260a52524d9cc0b", "83f44b00740ac60419313bdaefa58b27", "7df5682c88c1e786d1e34069bdc7c8ab"],
            grid.Select(r => r.Key));

        var relative = new SweepSpec { Name = "rel", Stepsize = StepsizeAxis.Relative(0.5), Repeats = 2 }.Expand();
        Assert.Equal(["07f201a3cbc76cb321fc92beee18c6b9", "ab4fda56b3fd28881440569395c1865f"], relative.Select(r => r.Key));
        Assert.Equal("a81bf102dd2366628961441c5b8cde49", relative[1].ThresholdKey);
        Assert.DoesNotContain("model", relative[1].CanonicalJson);
    }

    [Fact]
    public void TomlAndFlagsGiveTheSameAxesAndEveryPointItsOwnKey()
    {
        var toml = SweepSpecToml.Parse("""
            [training]
            model = ["uv", "power:3"]
            [stepsize]
            values = [0.01, 0.02]
            """);
        var flags = SweepSpecFlags.Build(new Dictionary<string, string> { ["model"] = "uv,power:3", ["stepsize"] = "0.01,0.02" });
        Assert.Equal(SweepSpecJson.Serialize(toml), SweepSpecJson.Serialize(flags));
        var runs = toml.Expand();
        Assert.Equal(["uv", "uv", "power:3", "power:3"], runs.Select(r => r.Model.ToString()));
        Assert.Equal(4, runs.Select(r => r.Key).Distinct().Count());
        Assert.Equal(2, runs.Select(r => r.ThresholdKey).Distinct().Count());
        // Common random numbers: the model does not change the batch sequence.
        Assert.Single(runs.Select(r => r.BatchSeed).Distinct());
        Assert.Contains("\"model\":\"power:3\"", runs[2].CanonicalJson);
        Assert.Equal(runs[0].Key, new SweepSpec { Stepsize = StepsizeAxis.List(0.01, 0.02) }.Expand()[0].Key);

        var starts = SweepSpecFlags.Build(new Dictionary<string, string> { ["u0"] = "0.5,1", ["v0"] = "0.5" }).Expand();
        Assert.Equal([(0.5, 0.5), (1.0, 0.5)], starts.Select(r => (r.U0!.Value, r.V0!.Value)));
        Assert.Equal(ScaleOrVector.Uniform(1), starts[1].Options(0.01).U0);
        Assert.Null(new SweepSpec().Expand()[0].Options(0.01).U0);
        // -0 is the start 0: one key.
        Assert.Equal(SweepSpecFlags.Build(new Dictionary<string, string> { ["v0"] = "-0" }).Expand()[0].Key,
            SweepSpecFlags.Build(new Dictionary<string, string> { ["v0"] = "0" }).Expand()[0].Key);
        // A spec with the axes survives its JSON.
        var both = SweepSpecToml.Parse("[training]\nmodel = \"power:4\"\n");
        Assert.Equal(SweepSpecJson.Serialize(both), SweepSpecJson.Serialize(SweepSpecJson.Deserialize(SweepSpecJson.Serialize(both))));
    }

    [Theory]
    [InlineData("[training]\nmodel = [\"uv\", \"power:3\"]\nu0 = 0.5\n", "spec.toml:3:1: training.u0", "applies to the uv model only")]
    [InlineData("[training]\nmodel = \"power:3\"\nv0 = [0.1, 0.2]\n", "spec.toml:3:1: training.v0", "applies to the uv model only")]
    [InlineData("[training]\nmodel = [\"uv\", \"power:1\"]\n", "spec.toml:2:16: training.model[1]", "power:D")]
    [InlineData("[training]\nmodel = 3\n", "spec.toml:2:1: training.model", "power:D")]
    [InlineData("[training]\nu0 = [1, 1]\n", "spec.toml:2:1: training.u0", "repeated value")]
    [InlineData("[training]\nu0 = \"a\"\n", "spec.toml:2:1: training.u0", "must be a number")]
    public void BadModelAxesAreRefusedAtTheirKey(string toml, string field, string message)
    {
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse(toml));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void BadModelFlagsAreRefusedAtTheFlag()
    {
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["model"] = "power:3", ["u0"] = "1" }));
        Assert.Equal("--u0", e.Field);
        e = Assert.Throws<InvalidInputException>(() => SweepSpecFlags.Build(new Dictionary<string, string> { ["model"] = "uv,deep" }));
        Assert.Equal("--model[1]", e.Field);
    }

    [Fact]
    public void ASweepOverModelsAndStartsStoresThemWithTheTheoryOfEach()
    {
        var spec = SweepSpecFlags.Build(new Dictionary<string, string>
        {
            ["name"] = "models", ["n"] = "10", ["d"] = "20", ["s"] = "2", ["scale"] = "1", ["n-test"] = "20", ["alpha"] = "0.5",
            ["batch-size"] = "1,n", ["stepsize"] = "0.01", ["tolerance"] = "1e-22", ["max-steps"] = "400000",
        });
        var withPower = spec with { Model = [ModelSpec.Uv, ModelSpec.Power(3)] };
        var withStart = spec with { Name = "starts", U0 = [0.6], V0 = [0.2, -0.3] };
        using var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        var options = TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        SweepRunner.Run(withPower, store, options);
        SweepRunner.Run(withStart, store, options);

        var power = store.Runs("models");
        Assert.Equal(4, power.Count);
        foreach (var run in power)
        {
            Assert.Equal(nameof(DlnLab.Training.RunStatus.Converged), run.Status);
            bool uv = run.Model == "uv";
            Assert.Null(run.U0);
            Assert.Null(run.V0);
            if (uv) Assert.True(run.Theorem22Residual < 1e-8, $"residual {run.Theorem22Residual}");
            else
            {
                Assert.Equal("power:3", run.Model);
                Assert.Null(run.Theorem22Residual);
                Assert.True(double.IsNaN(run.GainL1));
                Assert.Empty(run.Gain);
            }
        }
        var starts = store.Runs("starts");
        Assert.Equal([(0.6, -0.3), (0.6, 0.2)], starts.Select(r => (r.U0!.Value, r.V0!.Value)).Distinct().Order());
        // beta0 = u0 v0 of either sign: Theorem 2.2 with the general beta0~ (coordinates with u0 = ±v0: DlnLab.Tests' TheoremTests).
        foreach (var run in starts)
        {
            Assert.Equal(nameof(DlnLab.Training.RunStatus.Converged), run.Status);
            Assert.True(run.Theorem22Residual < 1e-8, $"u0 {run.U0}, v0 {run.V0}, b {run.BatchSize}: residual {run.Theorem22Residual}");
        }
    }

    [Fact]
    public void PowerThreeRunsApproachTheQ3InterpolatorLinearlyInTheStepsize()
    {
        var spec = SweepSpecFlags.Build(new Dictionary<string, string>
        {
            ["name"] = "q3", ["model"] = "power:3", ["scale"] = "1", ["n-test"] = "20", ["alpha"] = "0.5", ["batch-size"] = "n",
            ["stepsize"] = "0.016,0.008,0.004", ["tolerance"] = "1e-18", ["max-steps"] = "1000000",
        });
        using var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        var runs = store.Runs("q3").OrderByDescending(r => r.Stepsize).ToArray();
        var problem = SparseRegression.Generate(spec.Expand()[0].Problem());
        var q3 = DlnLab.Theory.Interpolators.GradientFlow(problem.X, problem.Y, 3, Enumerable.Repeat(0.5, problem.D).ToArray()).Beta;
        Assert.True(ModelInterpolators.TryGradientFlow(problem.X, problem.Y, ModelSpec.Power(3), Enumerable.Repeat(0.5, problem.D).ToArray(), null, null, out var viaModel));
        Assert.Equal(q3, viaModel.Beta);
        var distances = runs.Select(r => MatrixOperations.RelativeDistance(r.Beta, q3)).ToArray();
        Assert.All(runs, r => Assert.Equal(nameof(DlnLab.Training.RunStatus.Converged), r.Status));
        // Halving the stepsize halves the distance (to within 15%): first order in gamma.
        for (int i = 1; i < distances.Length; i++)
            Assert.InRange(distances[i - 1] / distances[i], 1.7, 2.3);
        Assert.True(distances[^1] < 1e-3, $"distance {distances[^1]}");
    }

    [Fact]
    public void TheModelsExampleParsesIntoItsGrid()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DlnLab.slnx"))) dir = Path.GetDirectoryName(dir);
        var spec = SweepSpecToml.Load(Path.Combine(dir!, "examples", "models.toml"));
        Assert.Equal(["uv", "power:3"], spec.Model.Select(m => m.ToString()));
        Assert.Equal(6, spec.Expand().Count);
        var starts = SweepSpecToml.Parse("[training]\nu0 = [0.5, 1.0]\nv0 = [0.0, 0.3]\n").Expand();
        Assert.Equal(4, starts.Count);
    }

    [Fact]
    public void StoresWrittenBeforeTheModelColumnsReadAsUvFromTheDefaultStart()
    {
        string path = Path.Combine(TestSweeps.TempDir(), "old.db");
        VersionOneStore.Write(path);
        using var store = ResultStore.OpenReadOnly(path);
        var run = Assert.Single(store.Runs());
        Assert.Equal(("uv", null, null), (run.Model, run.U0, run.V0));
    }
}
