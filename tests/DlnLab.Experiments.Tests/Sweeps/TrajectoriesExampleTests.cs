using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class TrajectoriesExampleTests
{
    [Fact]
    public void TheTrajectoriesExampleParsesWithItsInputsAndKeptTrajectories()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DlnLab.slnx"))) dir = Path.GetDirectoryName(dir);
        var spec = SweepSpecToml.Load(Path.Combine(dir!, "examples", "trajectories.toml"));
        Assert.True(spec.KeepTrajectories);
        Assert.Equal((0.0, 0.3, 25), (spec.Mean, spec.Correlation, spec.CheckpointsPerDecade));
        var runs = spec.Expand();
        Assert.Equal(8, runs.Count);
        Assert.All(runs, r => Assert.True(r.Options(0.01).RecordIterates));
        Assert.All(runs, r => Assert.False(r.Options(0.01, trajectory: false).RecordIterates));
        Assert.Equal((0.0, 0.3), (runs[0].Problem().Mean, runs[0].Problem().Correlation));
    }
}
