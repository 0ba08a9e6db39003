using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>Label noise and momentum as sweep axes: keys, TOML and flags, validation, the stored columns and the theory's silence.</summary>
public class OptimiserAxisTests
{
    [Fact]
    public void TomlAndFlagsGiveTheSameAxesAndPlainRunsKeepTheirKeys()
    {
        var toml = SweepSpecToml.Parse("""
            [training]
            label_noise = [0, 0.1]
            momentum = [0, 0.5]
            """);
        var flags = SweepSpecFlags.Build(new Dictionary<string, string> { ["label-noise"] = "0,0.1", ["momentum"] = "0,0.5" });
        Assert.Equal(SweepSpecJson.Serialize(toml), SweepSpecJson.Serialize(flags));
        Assert.Equal(SweepSpecJson.Serialize(toml), SweepSpecJson.Serialize(SweepSpecToml.Parse(SweepSpecTomlWriter.Write(toml))));
        var runs = toml.Expand();
        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.1, 0.0), (0.1, 0.5)], runs.Select(r => (r.LabelNoise, r.Momentum)));
        Assert.Equal(4, runs.Select(r => r.Key).Distinct().Count());
        // Common random numbers: the same batches (and noise stream) for every optimiser.
        Assert.Single(runs.Select(r => r.BatchSeed).Distinct());
        // The plain run keeps the key it has without the axes (the default spec's, fixed since before them).
        Assert.Equal("4bd0e07bbe963693198e051c87a66009", runs[0].Key);
        Assert.Equal(new SweepSpec().Expand()[0].Key, runs[0].Key);
        Assert.DoesNotContain("label_noise", runs[0].CanonicalJson);
        Assert.Contains("\"label_noise\":\"0.1\"", runs[2].CanonicalJson);
        Assert.Contains("\"momentum\":\"0.5\"", runs[3].CanonicalJson);
        Assert.Equal(0.1, runs[3].Options(0.01).LabelNoise);
        Assert.Equal(0.5, runs[3].Options(0.01).Momentum);
        // Without the axes the spec's JSON and TOML are those of before.
        Assert.DoesNotContain("LabelNoise", SweepSpecJson.Serialize(new SweepSpec()));
        Assert.DoesNotContain("label_noise", SweepSpecTomlWriter.Write(new SweepSpec()));
    }

    [Theory]
    [InlineData("[training]\nmomentum = 1\n", "spec.toml:2:1: training.momentum", "[0, 1)")]
    [InlineData("[training]\nmomentum = [0.5, -0.1]\n", "spec.toml:2:18: training.momentum[1]", "[0, 1)")]
    [InlineData("[training]\nlabel_noise = -1\n", "spec.toml:2:1: training.label_noise", ">= 0")]
    [InlineData("[training]\nlabel_noise = [0.1, 0.1]\n", "spec.toml:2:1: training.label_noise", "repeated value")]
    [InlineData("[training]\nlabel_noise = \"a\"\n", "spec.toml:2:1: training.label_noise", "must be a number")]
    public void BadValuesAreRefusedNamingTheKey(string text, string field, string message)
    {
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse(text, "spec.toml"));
        Assert.StartsWith(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ASweepStoresTheOptimiserOfEveryRunAndClaimsTheTheoremForPlainRunsOnly()
    {
        var spec = SweepSpecFlags.Build(new Dictionary<string, string>
        {
            ["name"] = "optimisers", ["n"] = "10", ["d"] = "20", ["s"] = "2", ["scale"] = "1", ["n-test"] = "20", ["alpha"] = "0.5",
            ["batch-size"] = "n", ["stepsize"] = "0.01", ["tolerance"] = "1e-12", ["max-steps"] = "200000",
            ["label-noise"] = "0,0.01", ["momentum"] = "0,0.5",
        });
        using var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        SweepRunner.Run(spec, store, TheoryChecks.With(new SweepRunnerOptions { MaxDegreeOfParallelism = 2 }));
        var runs = store.Runs("optimisers");
        Assert.Equal(4, runs.Count);
        var planned = spec.Expand();
        var problem = SparseRegression.Generate(planned[0].Problem());
        foreach (var run in runs)
        {
            double delta = run.LabelNoise, momentum = (double)run[RunColumns.Momentum]!;
            var plan = planned.Single(p => p.LabelNoise == delta && p.Momentum == momentum);
            // The stored run is the run trained alone, bit for bit.
            var alone = Trainer.Train(problem, plan.Options(0.01));
            Assert.Equal(alone.Beta, run.Beta);
            if (delta == 0 && momentum == 0) Assert.NotNull(run.Theorem22Residual);
            else
            {
                Assert.Null(run.Theorem22Residual);
                Assert.Null(run[RunColumns.DistanceWithoutBetaTilde0]);
            }
            if (momentum > 0) Assert.Empty(run.Gain);
        }
    }
}
