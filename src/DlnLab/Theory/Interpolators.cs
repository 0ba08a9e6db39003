using System.Diagnostics.CodeAnalysis;
using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The interpolators the theory predicts, from one place: the gradient-flow limit (Theorem 2.1), the (S)GD limit
/// (Theorem 2.2), the limit for depth D (Woodworth et al.'s Q_D), and the minimum-l2 and minimum-l1 interpolators they
/// tend to as alpha grows or shrinks. Each dual-Newton entry throws <see cref="SolverException"/> when the solver does
/// not converge; <see cref="DualNewtonSolver.TrySolve(Matrix, double[], IMirrorMap, out InterpolatorSolution, DualNewtonOptions?)"/>
/// with the same map returns the status instead.
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
    /// The gradient-flow limit of beta = u ⊙ v from any start (u0, v0) (MATH.md, general initialisation):
    /// argmin_{X beta = y} D_{psi_A}(beta, u0 ⊙ v0) with A = |u0^2 - v0^2| / 2; coordinates with u0^2 = v0^2 take the
    /// one-sided entropy (see <see cref="HyperbolicEntropyMap.ForStart"/>).
    /// </summary>
    public static InterpolatorSolution GradientFlowFrom(Matrix x, double[] y, double[] u0, double[] v0, DualNewtonOptions? options = null) =>
        DualNewtonSolver.Solve(x, y, HyperbolicEntropyMap.ForStart(u0, v0), options);

    /// <summary>
    /// The gradient-flow limit of beta = w+^D - w-^D from w±0 = alpha: argmin_{X beta = y} Q_D(beta)
    /// (<see cref="DepthPotential"/>; D = 2 is argmin psi with A = 2 alpha^2).
    /// </summary>
    public static InterpolatorSolution GradientFlow(Matrix x, double[] y, int depth, double[] alpha, DualNewtonOptions? options = null)
    {
        if (alpha.Length != x.Cols) throw new ArgumentException($"alpha has {alpha.Length} entries but X has {x.Cols} columns", nameof(alpha));
        return DualNewtonSolver.Solve(x, y, DepthMirrorMap.For(depth, alpha), options);
    }

    /// <summary>
    /// Theorem 2.2: argmin_{X beta = y} D_{psi_{alpha_inf}}(beta, beta0~), with ln(alpha_inf^2) and
    /// delta = arcsinh(beta0~ / alpha_inf^2) read off a run, from any start (<see cref="Theorem22Map"/>).
    /// </summary>
    public static InterpolatorSolution Theorem22(Matrix x, double[] y, EffectiveInitialization implicitBias, DualNewtonOptions? options = null) =>
        DualNewtonSolver.Solve(x, y, Theorem22Map(implicitBias), options);

    /// <summary>
    /// The mirror map of Theorem 2.2 for a run's read-out: psi_{alpha_inf} centred at beta0~, from ln(alpha_inf^2) and
    /// delta where every coordinate has alpha_inf > 0 (no linear value of alpha_inf^2 needed, however small), else the
    /// Bregman projection's map from ln(alpha_inf^2) and beta0~, whose coordinates with alpha_inf = 0 (u0^2 = v0^2) take
    /// their one-sided limit (<see cref="HyperbolicEntropyMap.ForReference"/>).
    /// </summary>
    public static HyperbolicEntropyMap Theorem22Map(EffectiveInitialization implicitBias) =>
        Array.TrueForAll(implicitBias.LnAlphaInfSquared, double.IsFinite) && Array.TrueForAll(implicitBias.Delta, double.IsFinite)
            ? new HyperbolicEntropyMap(implicitBias.LnAlphaInfSquared, implicitBias.Delta)
            : HyperbolicEntropyMap.ForReference(implicitBias.LnAlphaInfSquared, implicitBias.BetaTilde0);

    /// <summary>
    /// argmin_{X beta = y} psi_{alpha_inf}(beta): Theorem 2.2's interpolator with the perturbation beta0~ dropped (the
    /// paper's "beta0~ negligible"), from ln(alpha_inf^2) (-infinity where alpha_inf = 0: that coordinate stays 0).
    /// </summary>
    public static InterpolatorSolution WithoutPerturbation(Matrix x, double[] y, double[] lnAlphaInfSquared, DualNewtonOptions? options = null) =>
        DualNewtonSolver.Solve(x, y, WithoutPerturbationMap(lnAlphaInfSquared), options);

    /// <summary>The mirror map of <see cref="WithoutPerturbation"/>: psi_{alpha_inf} centred at 0.</summary>
    public static HyperbolicEntropyMap WithoutPerturbationMap(double[] lnAlphaInfSquared) =>
        Array.TrueForAll(lnAlphaInfSquared, double.IsFinite)
            ? new HyperbolicEntropyMap(lnAlphaInfSquared, new double[lnAlphaInfSquared.Length])
            : HyperbolicEntropyMap.ForReference(lnAlphaInfSquared, new double[lnAlphaInfSquared.Length]);

    /// <summary>
    /// argmin_{X beta = y} D_{psi_A}(beta, beta_hat) from ln(A) (-infinity where A_i = 0) and beta_hat: Theorem 2.2 with
    /// A = alpha_inf^2 and beta_hat = beta0~ for any initialisation.
    /// </summary>
    public static InterpolatorSolution BregmanProjection(Matrix x, double[] y, double[] lnA, double[] betaHat, DualNewtonOptions? options = null) =>
        DualNewtonSolver.Solve(x, y, HyperbolicEntropyMap.ForReference(lnA, betaHat), options);

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

    /// <summary>
    /// <see cref="MinimumL2"/> as a result: false (beta null) when X X^T cannot be factored, or when the solution misses
    /// y by more than <paramref name="tolerance"/> relative (y outside the range of X, or X X^T too ill-conditioned).
    /// </summary>
    public static bool TryMinimumL2(Matrix x, double[] y, [NotNullWhen(true)] out double[]? beta, double tolerance = 1e-8)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        try { beta = MinimumL2(x, y); }
        catch (ArgumentException) { beta = null; return false; }
        if (MatrixOperations.RelativeResidual(x, beta, y) <= tolerance) return true;
        beta = null;
        return false;
    }

    /// <summary>argmin_{X beta = y} ||beta||_1 with a verified dual certificate (see <see cref="MinimumL1Solver"/>).</summary>
    public static MinimumL1Solution MinimumL1(Matrix x, double[] y) => MinimumL1Solver.Solve(x, y);
}
