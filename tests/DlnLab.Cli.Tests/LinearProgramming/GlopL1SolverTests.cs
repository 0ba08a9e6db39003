using DlnLab.LinearAlgebra;
using DlnLab.LinearProgramming;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Cli.Tests.LinearProgramming;

/// <summary>GLOP (OR-Tools) against the core's dense simplex on the minimum-l1 program, and the choice of --l1-solver.</summary>
public class GlopL1SolverTests
{
    [Theory]
    [InlineData(20, 30, 3, 7UL)]
    [InlineData(20, 30, 10, 8UL)] // l1 does not recover beta*: a nontrivial optimum
    [InlineData(10, 40, 8, 9UL)]
    [InlineData(60, 200, 10, 5UL)]
    public void Glop_and_the_dense_simplex_agree_with_verified_certificates(int n, int d, int s, ulong seed)
    {
        var p = SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = s, Seed = seed });
        var glop = GlopL1Solver.Instance.Solve(p.X, p.Y);
        var dense = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        Assert.True(glop.Converged, $"gap {glop.DualityGap}, dual {glop.DualInfeasibility}, residual {glop.RelativeResidual}");
        Assert.True(dense.Converged);
        Assert.Equal("glop", glop.Method);
        Assert.True(Math.Abs(glop.L1Norm - dense.L1Norm) <= 1e-9 * dense.L1Norm, $"l1 {glop.L1Norm} and {dense.L1Norm}");
        // Random Gaussian X: the optimum is unique, so both find the same beta.
        Assert.True(MatrixOperations.RelativeDistance(glop.Beta, dense.Beta) < 1e-8);
        // Its certificate stands on its own.
        Assert.True(MinimumL1Certificate.Verify(p.X, p.Y, glop.Beta, glop.DualCertificate, 0, true, "check").Converged);
    }

    [Fact]
    public void Y_outside_the_range_of_x_is_not_verified()
    {
        // Two identical rows with different labels: no interpolator exists.
        var x = new Matrix(2, 3, [1, 2, 3, 1, 2, 3]);
        var l1 = GlopL1Solver.Instance.Solve(x, [1, 2]);
        Assert.False(l1.Converged);
    }

    [Theory]
    [InlineData("simplex", 1000, 10000, "simplex")]
    [InlineData("glop", 20, 30, "glop")]
    [InlineData("auto", 200, 250, "simplex")]
    [InlineData("auto", 200, 251, "glop")]
    public void The_solver_is_chosen_by_name_and_auto_by_size(string name, int n, int d, string expected)
    {
        Assert.Equal(expected, L1Solvers.For(name, n, d).Name);
    }

    [Fact]
    public void An_unknown_name_names_the_field_and_the_choices()
    {
        var e = Assert.Throws<InvalidInputException>(() => L1Solvers.For("cplex", 10, 10));
        Assert.Contains("l1-solver", e.Message);
        Assert.Contains("auto, simplex, glop", e.Message);
    }
}
