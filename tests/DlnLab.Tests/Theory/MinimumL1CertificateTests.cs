using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Tests.Theory;

/// <summary>MinimumL1Certificate.Verify: the check of a minimum-l1 answer on the full problem, whatever produced it.</summary>
public class MinimumL1CertificateTests
{
    private static RegressionProblem Problem(int n = 20, int d = 30, int s = 3, ulong seed = 7) =>
        SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = s, Seed = seed });

    private static MinimumL1Solution Check(RegressionProblem p, double[] beta, double[] lambda) =>
        MinimumL1Certificate.Verify(p.X, p.Y, beta, lambda, iterations: 0, methodFinished: true, method: "test");

    [Fact]
    public void The_dense_simplex_answer_passes_and_is_the_same_numbers_as_the_solver_reports()
    {
        var p = Problem();
        var solved = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        var check = Check(p, solved.Beta, solved.DualCertificate);
        Assert.True(check.Converged);
        Assert.Equal(solved.DualityGap, check.DualityGap);
        Assert.Equal(solved.DualInfeasibility, check.DualInfeasibility);
        Assert.Equal(solved.RelativeResidual, check.RelativeResidual);
        Assert.Equal("simplex", solved.Method);
    }

    [Fact]
    public void A_perturbed_beta_fails_on_primal_feasibility()
    {
        var p = Problem();
        var solved = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        var beta = (double[])solved.Beta.Clone();
        beta[Array.FindIndex(beta, v => v == 0)] = 1e-6;
        var check = Check(p, beta, solved.DualCertificate);
        Assert.False(check.Converged);
        Assert.True(check.RelativeResidual > MinimumL1Certificate.ResidualTolerance);
    }

    [Fact]
    public void A_dual_certificate_scaled_up_fails_on_dual_feasibility()
    {
        var p = Problem();
        var solved = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        var lambda = solved.DualCertificate.Select(v => 1.001 * v).ToArray();
        var check = Check(p, solved.Beta, lambda);
        Assert.False(check.Converged);
        Assert.True(check.DualInfeasibility > MinimumL1Certificate.DualTolerance);
    }

    [Fact]
    public void A_feasible_but_not_optimal_interpolator_fails_on_the_gap()
    {
        // The minimum-l2 interpolator is feasible (X beta = y) but its l1 norm is above the optimum: the gap shows it.
        var p = Problem(20, 30, 8, 11);
        var solved = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        var check = Check(p, Interpolators.MinimumL2(p.X, p.Y), solved.DualCertificate);
        Assert.False(check.Converged);
        Assert.True(check.RelativeResidual <= MinimumL1Certificate.ResidualTolerance);
        Assert.True(check.DualityGap > MinimumL1Certificate.GapTolerance);
    }

    [Fact]
    public void A_method_that_did_not_finish_is_not_verified_and_nan_never_is()
    {
        var p = Problem();
        var solved = DenseSimplexL1Solver.Instance.Solve(p.X, p.Y);
        Assert.False(MinimumL1Certificate.Verify(p.X, p.Y, solved.Beta, solved.DualCertificate, 0, methodFinished: false, "test").Converged);
        var beta = (double[])solved.Beta.Clone();
        beta[0] = double.NaN;
        Assert.False(Check(p, beta, solved.DualCertificate).Converged);
    }

    [Fact]
    public void Lengths_that_do_not_match_x_are_refused()
    {
        var p = Problem();
        Assert.Throws<ArgumentException>(() => Check(p, new double[p.D + 1], new double[p.N]));
        Assert.Throws<ArgumentException>(() => Check(p, new double[p.D], new double[p.N - 1]));
    }
}
