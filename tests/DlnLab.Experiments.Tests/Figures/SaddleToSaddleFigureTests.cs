using DlnLab.Experiments.Figures;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>The saddle-to-saddle overlay: GD trajectories in rescaled time against Algorithm 1, drawn with its CSV.</summary>
public sealed class SaddleToSaddleFigureTests
{
    private static readonly RegressionProblem Fixture = new() { X = new Matrix(2, 4, [1, .5, .7, 0, .5, 1, .1, .7]), Y = [1, 0] };

    [Fact]
    public void TheOverlayPlotsEveryRunAndThePredictedStaircaseAgainstRescaledTime()
    {
        var saddles = Dln.Saddles(Fixture);
        double horizon = 1.25 * saddles.Saddles[^1].Time;
        double[] alphas = [1e-10, 1e-30];
        var results = Dln.TrainMany(Fixture, alphas.Select(a => SaddleRun.Options(Fixture, a, 0.02, horizon)).ToList(), threads: 2);
        var runs = alphas.Select((a, i) => new SaddleRun(a, 0.02, results[i])).ToList();

        // The rescaled time of the last checkpoint is the horizon (the runs use their whole budget).
        foreach (var run in runs) Assert.InRange(run.Times[^1], horizon, horizon + 0.02 / Math.Log(1 / run.Alpha) * 1.01);
        var figure = SaddleToSaddleFigure.Figure("s2s", saddles, runs);
        Assert.Equal(1 + alphas.Length, figure.Panels.Count);
        Assert.Equal(saddles.JumpTimes, figure.Panels[0].VerticalMarkers.Select(m => m.X));
        // The predicted loss staircase: L(beta^k) from t_k on.
        var staircase = figure.Panels[0].Series[^1];
        Assert.Equal(saddles.Saddles.SkipLast(1).Select(s => s.Loss), staircase.Ys.Take(saddles.Saddles.Count - 1));
        Assert.True(double.IsNaN(staircase.Ys[^1])); // the interpolator's loss, 0 up to rounding, is left off the log axis

        string folder = TestSweeps.TempDir();
        var output = FigureRenderer.Render(figure, folder);
        string csv = File.ReadAllText(output.CsvPath);
        Assert.Contains("GD; α = 1E-30", csv); // the CSV writes a comma in a series name as ";"
        Assert.Contains("Algorithm 1: L(β^k)", csv);
        Assert.True(File.Exists(output.PngPath));

        // Half-way between plateaus GD passes near the predicted jumps, closer at the smaller alpha.
        var gaps = runs.Select(r => r.HalfWayTimes(saddles).Zip(saddles.JumpTimes, (m, p) => Math.Abs(m - p)).Max()).ToList();
        Assert.True(gaps[1] < gaps[0], $"gaps {gaps[0]} and {gaps[1]}");
        Assert.All(runs, r => Assert.Equal([1, 2], r.PlateauSaddles(saddles)));
    }
}
