using DlnLab.LinearAlgebra;
using DlnLab.Training;

namespace DlnLab.Theory;

/// <summary>
/// The interpolators the theory predicts, from one place: the gradient-flow limit (Theorem 2.1), the (S)GD limit
/// (Theorem 2.2), and the minimum-l2 and minimum-l1 interpolators it tends to as alpha grows or shrinks.
/// </summary>
public static class Interpolators
{
    /// <summary>Theorem 2.1: argmin_{X beta = y} psi_alpha(beta), the limit of gradient flow from scale alpha (length d).</summary>
    public static InterpolatorSolution GradientFlow(Matrix x, double[] y, double[] alpha, DualNewtonOptions? options = null)
    {
        if (alpha.Length != x.Cols) throw new ArgumentException($"alpha has {alpha.Length} entries but X has {x.Cols} columns", nameof(alpha));
        return DualNewtonSolver.Solve(x, y, Hyperentropy.LnSquares(alpha), new double[x.Cols], options);
    }

    /// <summary>
    /// Theorem 2.2: argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~), with ln(alpha_inf^2) and
    /// delta = arcsinh(beta0~ / alpha_inf^2) read off a run.
    /// </summary>
    public static InterpolatorSolution Theorem22(Matrix x, double[] y, EffectiveInitialization implicitBias, DualNewtonOptions? options = null) =>
        DualNewtonSolver.Solve(x, y, implicitBias.LnAlphaInfSquared, implicitBias.Delta, options);

    /// <summary>||run.Beta - predicted|| / max(||predicted||, tiny), predicted by <see cref="Theorem22"/> from the run's own gains.</summary>
    public static double Theorem22Residual(Matrix x, double[] y, RunResult run) =>
        MatrixOperations.RelativeDistance(run.Beta, Theorem22(x, y, run.Implicit).Beta);

    /// <summary>The minimum-l2 interpolator X^T (X X^T)^{-1} y, with one step of iterative refinement.</summary>
    public static double[] MinimumL2(Matrix x, double[] y)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        var chol = Cholesky.Factor(MatrixOperations.Gram(x));
        var mu = chol.Solve(y);
        var beta = x.MultiplyTransposed(mu);
        var r = MatrixOperations.Residual(x, beta, y);
        var correction = chol.Solve(r);
        for (int i = 0; i < mu.Length; i++) mu[i] -= correction[i];
        return x.MultiplyTransposed(mu);
    }

    /// <summary>argmin_{X beta = y} ||beta||_1 with a verified dual certificate (see <see cref="MinimumL1Solver"/>).</summary>
    public static MinimumL1Solution MinimumL1(Matrix x, double[] y) => MinimumL1Solver.Solve(x, y);
}
