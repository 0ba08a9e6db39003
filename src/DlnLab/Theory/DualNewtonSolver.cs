using System.Numerics.Tensors;
using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// argmin_{X beta = y} D_{psi_A}(beta, beta_hat) by Newton's method on the dual (MATH.md):
/// Phi(lambda) = 1/2 sum_i A_i cosh(c_i + 2 (X^T lambda)_i) - &lt;lambda, y&gt;, with c = arcsinh(beta_hat / A).
/// Its gradient is X beta(lambda) - y with beta(lambda) = A ⊙ sinh(c + 2 X^T lambda), its Hessian
/// 2 X diag(A ⊙ cosh(c + 2 X^T lambda)) X^T. Everything is in the log domain: only ln(A) is given, so A may span
/// hundreds of orders of magnitude (Theorem 2.2 at gains of hundreds).
/// </summary>
public static class DualNewtonSolver
{
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 60;
    private const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>
    /// Solves, returning true when the relative residual reached the tolerance; the solution (best iterate, with
    /// Converged = false on failure) is returned either way.
    /// </summary>
    /// <param name="x">Design X, n x d, full row rank for a unique dual solution.</param>
    /// <param name="y">Labels, length n.</param>
    /// <param name="lnA">ln(A), length d; entries may be far below -700.</param>
    /// <param name="c">Offsets c = arcsinh(beta_hat / A), length d (0 for the gradient-flow problem of Theorem 2.1).</param>
    /// <param name="solution">The result, also on failure.</param>
    /// <param name="options">Tolerance and safeguards; defaults when null.</param>
    public static bool TrySolve(Matrix x, double[] y, double[] lnA, double[] c, out InterpolatorSolution solution, DualNewtonOptions? options = null)
    {
        options ??= new DualNewtonOptions();
        Validate(x, y, lnA, c, options);
        solution = Run(x, y, lnA, c, options);
        return solution.Converged;
    }

    /// <summary>As <see cref="TrySolve"/>, but throws <see cref="SolverException"/> when the tolerance is not reached.</summary>
    public static InterpolatorSolution Solve(Matrix x, double[] y, double[] lnA, double[] c, DualNewtonOptions? options = null)
    {
        if (TrySolve(x, y, lnA, c, out var solution, options)) return solution;
        throw new SolverException(
            $"dual Newton solver stopped after {solution.Iterations} iterations at relative residual ||X beta - y|| / ||y|| = " +
            $"{solution.RelativeResidual:E3}, above the tolerance {(options ?? new()).Tolerance:E1}: y may not be in the range of X " +
            "(X needs full row rank), or the scales A leave no interpolator reachable in double precision");
    }

    private static void Validate(Matrix x, double[] y, double[] lnA, double[] c, DualNewtonOptions options)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        if (lnA.Length != x.Cols) throw new ArgumentException($"lnA has {lnA.Length} entries but X has {x.Cols} columns", nameof(lnA));
        if (c.Length != x.Cols) throw new ArgumentException($"c has {c.Length} entries but X has {x.Cols} columns", nameof(c));
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "Tolerance must be > 0");
        if (options.MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be >= 0");
        if (!(options.MaxArgumentStep > 0)) throw new ArgumentOutOfRangeException(nameof(options), "MaxArgumentStep must be > 0");
        for (int i = 0; i < lnA.Length; i++)
            if (double.IsNaN(lnA[i]) || double.IsPositiveInfinity(lnA[i]) || !double.IsFinite(c[i]))
                throw new ArgumentException($"lnA[{i}] = {lnA[i]}, c[{i}] = {c[i]}: lnA must be < +infinity and c finite");
    }

    private static InterpolatorSolution Run(Matrix x, double[] y, double[] lnA, double[] c, DualNewtonOptions options)
    {
        int n = x.Rows, d = x.Cols;
        double yNorm = Math.Max(MatrixOperations.Norm2(y), 1e-300);
        var lambda = new double[n];
        var arg = (double[])c.Clone();
        var beta = new double[d];
        var weight = new double[d];
        var residual = new double[n];
        Evaluate(x, y, lnA, arg, beta, weight, residual);
        double resNorm = MatrixOperations.Norm2(residual);

        var trialLambda = new double[n];
        var trialArg = new double[d];
        var trialBeta = new double[d];
        var trialWeight = new double[d];
        var trialResidual = new double[n];
        var scale = new double[n];
        var dz = new double[d];
        double maxJitter = 0;
        int iteration = 0;
        bool converged = false;

        while (true)
        {
            if (resNorm <= options.Tolerance * yNorm || resNorm <= RoundingFloor(x, beta, y))
            {
                converged = double.IsFinite(resNorm);
                break;
            }
            if (iteration >= options.MaxIterations || !double.IsFinite(resNorm)) break;
            iteration++;

            // Newton direction from the Jacobi-scaled Hessian (unit diagonal), which tames rows of very different size.
            var hessian = MatrixOperations.WeightedGram(x, weight);
            bool usable = true;
            for (int i = 0; i < n; i++)
            {
                double h = 2 * hessian[i, i];
                if (!(h > 0) || !double.IsFinite(h)) { usable = false; break; }
                scale[i] = 1 / Math.Sqrt(h);
            }
            if (!usable) break;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    hessian.Data[i * n + j] *= 2 * scale[i] * scale[j];
            Cholesky chol;
            try { chol = Cholesky.Factor(hessian); }
            catch (ArgumentException) { break; }
            maxJitter = Math.Max(maxJitter, chol.Jitter);
            var direction = new double[n];
            for (int i = 0; i < n; i++) direction[i] = -scale[i] * residual[i];
            chol.Solve(direction, direction);
            for (int i = 0; i < n; i++) direction[i] *= scale[i];

            x.MultiplyTransposed(direction, dz);
            double maxChange = 2 * MatrixOperations.MaxAbs(dz);
            double t = maxChange > options.MaxArgumentStep ? options.MaxArgumentStep / maxChange : 1;
            double slope = TensorPrimitives.Dot<double>(residual, direction);
            double phi0 = Phi(weight, lambda, y, out double phiScale);

            bool accepted = false;
            for (int h = 0; h < MaxHalvings && !accepted; h++, t /= 2)
            {
                for (int i = 0; i < n; i++) trialLambda[i] = lambda[i] + t * direction[i];
                x.MultiplyTransposed(trialLambda, trialArg);
                for (int j = 0; j < d; j++) trialArg[j] = c[j] + 2 * trialArg[j];
                Evaluate(x, y, lnA, trialArg, trialBeta, trialWeight, trialResidual);
                double phi = Phi(trialWeight, trialLambda, y, out _);
                if (!double.IsFinite(phi)) continue;
                double trialNorm = MatrixOperations.Norm2(trialResidual);
                if (!double.IsFinite(trialNorm)) continue;
                // Armijo on Phi, with slack at its rounding level (near the solution Phi stops resolving the decrease),
                // or a plain decrease of the residual, which is what quadratic convergence delivers there.
                accepted = phi <= phi0 + Armijo * t * slope + 4 * UnitRoundoff * phiScale || trialNorm <= (1 - Armijo * t) * resNorm;
            }
            if (!accepted) break;
            (lambda, trialLambda) = (trialLambda, lambda);
            (arg, trialArg) = (trialArg, arg);
            (beta, trialBeta) = (trialBeta, beta);
            (weight, trialWeight) = (trialWeight, weight);
            (residual, trialResidual) = (trialResidual, residual);
            resNorm = MatrixOperations.Norm2(residual);
        }

        return new InterpolatorSolution
        {
            Beta = beta, Lambda = lambda, Iterations = iteration, ResidualNorm = resNorm,
            RelativeResidual = resNorm / yNorm, Converged = converged, MaxJitter = maxJitter,
        };
    }

    // beta = A sinh(arg), weight = A cosh(arg), residual = X beta - y.
    private static void Evaluate(Matrix x, double[] y, double[] lnA, double[] arg, double[] beta, double[] weight, double[] residual)
    {
        for (int j = 0; j < arg.Length; j++)
        {
            beta[j] = EffectiveInitialization.ScaledSinh(lnA[j], arg[j]);
            weight[j] = EffectiveInitialization.ScaledCosh(lnA[j], arg[j]);
        }
        x.Multiply(beta, residual);
        TensorPrimitives.Subtract(residual, y, residual);
    }

    // Phi from the weights A cosh(arg) that Evaluate already holds for the same arguments.
    private static double Phi(double[] weight, double[] lambda, double[] y, out double scale)
    {
        double coshPart = 0;
        foreach (double w in weight) coshPart += w;
        double linear = TensorPrimitives.Dot<double>(lambda, y);
        scale = 0.5 * coshPart + Math.Abs(linear);
        return 0.5 * coshPart - linear;
    }

    // What evaluating X beta - y in double precision can resolve: several units of roundoff of sum_j |x_ij beta_j| + |y_i| per row.
    private static double RoundingFloor(Matrix x, double[] beta, double[] y)
    {
        int d = x.Cols;
        double sum = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Data.AsSpan(i * d, d);
            double s = Math.Abs(y[i]);
            for (int j = 0; j < d; j++) s += Math.Abs(row[j] * beta[j]);
            sum += s * s;
        }
        return 8 * Math.Sqrt(sum) * UnitRoundoff;
    }
}
