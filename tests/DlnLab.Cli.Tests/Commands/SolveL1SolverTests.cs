using System.Text.Json;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln solve --l1-solver auto|simplex|glop`.</summary>
public class SolveL1SolverTests
{
    private static JsonElement L1Solver(params string[] args)
    {
        var r = CliRunner.Run(["solve", "--n", "20", "--d", "30", "--s", "3", "--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Glop_and_simplex_print_the_same_interpolator_and_name_their_method()
    {
        var glop = L1Solver("--l1-solver", "glop");
        var simplex = L1Solver("--l1-solver", "simplex");
        Assert.Equal("glop", glop.GetProperty("minimum_l1_solver").GetProperty("method").GetString());
        Assert.Equal("simplex", simplex.GetProperty("minimum_l1_solver").GetProperty("method").GetString());
        Assert.True(glop.GetProperty("minimum_l1_solver").GetProperty("converged").GetBoolean());
        var a = glop.GetProperty("interpolators").GetProperty("minimum_l1").GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var b = simplex.GetProperty("interpolators").GetProperty("minimum_l1").GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) < 1e-9);
        // auto takes the dense simplex at this size.
        Assert.Equal("simplex", L1Solver().GetProperty("minimum_l1_solver").GetProperty("method").GetString());
    }

    [Fact]
    public void An_unknown_solver_is_a_one_line_error()
    {
        var r = CliRunner.Run("solve", "--l1-solver", "cplex");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--l1-solver", r.Err);
        Assert.Contains("auto, simplex, glop", r.Err);
    }
}
