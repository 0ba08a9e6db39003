using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>The initialisation shape s as a sweep axis: u0 = alpha sqrt(1 + s), v0 = alpha sqrt(1 - s) at each alpha.</summary>
public class ShapeAxisTests
{
    [Fact]
    public void Each_shape_is_the_start_it_names_at_every_alpha_with_the_key_of_that_start()
    {
        var spec = SweepSpecToml.Parse("[training]\nalpha = [0.1, 0.02]\nshape = [0, 0.5, 1]\nbatch_size = \"n\"\n");
        var runs = spec.Expand();
        Assert.Equal(6, runs.Count);
        foreach (var (alpha, s, run) in new[] { 0.1, 0.02 }.SelectMany(a => new[] { 0.0, 0.5, 1.0 }.Select(s => (a, s))).Zip(runs, (p, r) => (p.a, p.s, r)))
        {
            Assert.Equal(alpha, run.Alpha);
            Assert.Equal(alpha * Math.Sqrt(1 + s), run.U0);
            Assert.Equal(alpha * Math.Sqrt(1 - s), run.V0);
            // (u0^2 + v0^2) / 2 = alpha^2 and (u0^2 - v0^2) / 2 = s alpha^2, to rounding.
            Assert.Equal(alpha * alpha, (run.U0!.Value * run.U0.Value + run.V0!.Value * run.V0.Value) / 2, 1e-15);
            Assert.Equal(s * alpha * alpha, (run.U0.Value * run.U0.Value - run.V0.Value * run.V0.Value) / 2, 1e-15);
            // The same run as the start given explicitly: the shape adds nothing to the key.
            var explicitStart = new SweepSpec { Alpha = [alpha], U0 = [run.U0.Value], V0 = [run.V0.Value], BatchSize = [SweepSpec.FullBatch] }.Expand().Single();
            Assert.Equal(explicitStart.Key, run.Key);
        }
        // The resolved spec written back reads as the same runs, and a spec without the axis writes no shape.
        Assert.Equal(runs.Select(r => r.Key), SweepSpecToml.Parse(SweepSpecTomlWriter.Write(spec)).Expand().Select(r => r.Key));
        Assert.DoesNotContain("shape", SweepSpecTomlWriter.Write(new SweepSpec()));
    }

    [Fact]
    public void A_shape_override_replaces_the_file_s_start_and_a_start_override_the_file_s_shape()
    {
        var shaped = SweepSpecToml.Parse("[training]\nu0 = 0.3\nv0 = 0.1\n", "spec.toml", "training.shape=[0.5]");
        Assert.Equal([0.5], shaped.Shape!);
        Assert.Null(shaped.U0);
        Assert.Null(shaped.V0);
        var started = SweepSpecToml.Parse("[training]\nshape = [0.5]\n", "spec.toml", "training.u0=0.3");
        Assert.Null(started.Shape);
        Assert.Equal([0.3], started.U0!);
    }

    [Theory]
    [InlineData("[training]\nshape = [0.5, 1.5]\n", "spec.toml:2:15: training.shape[1]", "must be a number in [-1, 1]")]
    [InlineData("[training]\nshape = [0.5]\nu0 = 0.1\n", "spec.toml:2:1: training.shape", "conflicts with training.u0")]
    [InlineData("[training]\nshape = [0.5]\nmodel = \"power:3\"\n", "spec.toml:2:1: training.shape", "applies to the uv model only")]
    [InlineData("[training]\nshape = [0.5, 0.5]\n", "spec.toml:2:1: training.shape", "repeated value")]
    public void Bad_shapes_are_refused_at_their_key(string toml, string field, string message)
    {
        var e = Assert.Throws<InvalidInputException>(() => SweepSpecToml.Parse(toml));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }
}
