using System.Numerics.Tensors;
using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// argmin_{X beta = y} of a Bregman divergence by Newton's method on the dual (MATH.md): with a mirror map beta(z)
/// (<see cref="IMirrorMap"/>) and its potential F (F' = beta), Phi(lambda) = F(X^T lambda) - &lt;lambda, y&gt; has gradient
/// X beta(X^T lambda) - y and Hessian X diag(beta'(X^T lambda)) X^T; Newton steps with a backtracking line search drive
/// the gradient to zero. For the hyperbolic entropy (<see cref="HyperbolicEntropyMap"/>) beta(z) = A sinh(c + 2 z) with
/// c = arcsinh(beta_hat / A), everything in the log domain, so A may span hundreds of orders of magnitude (Theorem 2.2
/// at gains of hundreds); <see cref="DepthMirrorMap"/> gives Woodworth et al.'s Q_D of depth D.
/// </summary>
public static class DualNewtonSolver
{
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 60;
    private const double UnitRoundoff = 1.1102230246251565e-16;
    // The largest relative residual a map's argument rounding may excuse: beyond it beta is not resolved at all.
    private const double ArgumentFloorCap = 1e-6;

    /// <summary>
    /// Solves for the hyperbolic entropy psi_A with offset c (see <see cref="HyperbolicEntropyMap(double[], double[])"/>),
    /// returning true when the relative residual reached the tolerance; the solution (best iterate, with
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
        if (lnA.Length != x.Cols) throw new ArgumentException($"lnA has {lnA.Length} entries but X has {x.Cols} columns", nameof(lnA));
        if (c.Length != x.Cols) throw new ArgumentException($"c has {c.Length} entries but X has {x.Cols} columns", nameof(c));
        return TrySolve(x, y, new HyperbolicEntropyMap(lnA, c), out solution, options);
    }

    /// <summary>As <see cref="TrySolve(Matrix, double[], double[], double[], out InterpolatorSolution, DualNewtonOptions?)"/>, but throws <see cref="SolverException"/> when the tolerance is not reached.</summary>
    public static InterpolatorSolution Solve(Matrix x, double[] y, double[] lnA, double[] c, DualNewtonOptions? options = null)
    {
        if (TrySolve(x, y, lnA, c, out var solution, options)) return solution;
        throw Failure(solution, options);
    }

    /// <summary>
    /// Solves argmin_{X beta = y} for the mirror map <paramref name="map"/> (of dimension d = X's columns), returning
    /// true when the relative residual reached the tolerance (or the rounding floor); the best iterate is returned either way.
    /// </summary>
    public static bool TrySolve(Matrix x, double[] y, IMirrorMap map, out InterpolatorSolution solution, DualNewtonOptions? options = null)
    {
        options ??= new DualNewtonOptions();
        Validate(x, y, map, options);
        solution = Run(x, y, map, options, null);
        if (!solution.Converged && map is HyperbolicEntropyMap { CanContinue: true } hyperbolic)
            solution = Continue(x, y, hyperbolic, options) ?? solution;
        return solution.Converged;
    }

    /// <summary>As <see cref="TrySolve(Matrix, double[], IMirrorMap, out InterpolatorSolution, DualNewtonOptions?)"/>, but throws <see cref="SolverException"/> when the tolerance is not reached.</summary>
    public static InterpolatorSolution Solve(Matrix x, double[] y, IMirrorMap map, DualNewtonOptions? options = null)
    {
        if (TrySolve(x, y, map, out var solution, options)) return solution;
        throw Failure(solution, options);
    }

    /// <summary>The sentence saying why <paramref name="solution"/> is not an interpolator (for messages and reports).</summary>
    public static string FailureReason(InterpolatorSolution solution, DualNewtonOptions? options = null)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string tolerance = (options ?? new()).Tolerance.ToString("E1", invariant);
        string where = double.IsFinite(solution.RelativeResidual)
            ? $"at relative residual ||X beta - y|| / ||y|| = {solution.RelativeResidual.ToString("E3", invariant)}, above the tolerance {tolerance}"
            : "where beta(X^T lambda) is not finite";
        return $"the dual Newton solver stopped after {solution.Iterations} iterations {where}: y may not be in the range of X " +
            "(X needs full row rank), or the scales leave no interpolator reachable in double precision";
    }

    private static SolverException Failure(InterpolatorSolution solution, DualNewtonOptions? options) => new(FailureReason(solution, options));

    private static void Validate(Matrix x, double[] y, IMirrorMap map, DualNewtonOptions options)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        if (map.Dimension != x.Cols) throw new ArgumentException($"the mirror map has {map.Dimension} coordinates but X has {x.Cols} columns", nameof(map));
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "Tolerance must be > 0");
        if (options.MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be >= 0");
        if (!(options.MaxArgumentStep > 0)) throw new ArgumentOutOfRangeException(nameof(options), "MaxArgumentStep must be > 0");
    }

    // Scales far below the double range (alpha = 1e-300: ln A = -1381) leave every curvature 0 at lambda = 0, so Newton
    // cannot start. Solve with ln A raised to a floor first, then lower the floor by half again each time, starting
    // each solve from the last lambda stretched by the ratio of the floors (for c = 0 the arguments grow like -ln A).
    private static InterpolatorSolution? Continue(Matrix x, double[] y, HyperbolicEntropyMap map, DualNewtonOptions options)
    {
        double floor = HyperbolicEntropyMap.ContinuationFloor;
        double[]? lambda = null;
        int iterations = 0;
        while (true)
        {
            bool last = floor <= map.MinLnA;
            var solution = Run(x, y, last ? map : map.Floored(floor), options, lambda);
            iterations += solution.Iterations;
            if (!solution.Converged) return null;
            if (last) return solution with { Iterations = iterations };
            double next = Math.Max(map.MinLnA, 1.5 * floor);
            lambda = solution.Lambda.Select(l => l * (next / floor)).ToArray();
            floor = next;
        }
    }

    private static InterpolatorSolution Run(Matrix x, double[] y, IMirrorMap map, DualNewtonOptions options, double[]? start)
    {
        int n = x.Rows, d = x.Cols;
        double yNorm = Math.Max(MatrixOperations.Norm2(y), 1e-300);
        var lambda = start is null ? new double[n] : (double[])start.Clone();
        var z = new double[d];
        if (start is not null) x.MultiplyTransposed(lambda, z);
        var beta = new double[d];
        var curvature = new double[d];
        var residual = new double[n];
        double potential = Evaluate(x, y, map, z, beta, curvature, residual);
        double resNorm = MatrixOperations.Norm2(residual);

        var trialLambda = new double[n];
        var trialZ = new double[d];
        var trialBeta = new double[d];
        var trialCurvature = new double[d];
        var trialResidual = new double[n];
        var scale = new double[n];
        var dz = new double[d];
        double maxJitter = 0;
        int iteration = 0;
        bool converged = false;

        while (true)
        {
            if (resNorm <= options.Tolerance * yNorm || resNorm <= RoundingFloor(x, beta, y, null)
                || map.RoundsWithArgument && resNorm <= Math.Min(RoundingFloor(x, beta, y, (lambda, curvature)), ArgumentFloorCap * yNorm))
            {
                converged = double.IsFinite(resNorm);
                break;
            }
            if (iteration >= options.MaxIterations || !double.IsFinite(resNorm)) break;
            iteration++;

            // Newton direction from the Jacobi-scaled Hessian (unit diagonal), which tames rows of very different size.
            var hessian = MatrixOperations.WeightedGram(x, curvature);
            bool usable = true;
            for (int i = 0; i < n; i++)
            {
                double h = hessian[i, i];
                if (!(h > 0) || !double.IsFinite(h)) { usable = false; break; }
                scale[i] = 1 / Math.Sqrt(h);
            }
            if (!usable) break;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    hessian.Data[i * n + j] *= scale[i] * scale[j];
            Cholesky chol;
            try { chol = Cholesky.Factor(hessian); }
            catch (ArgumentException) { break; }
            maxJitter = Math.Max(maxJitter, chol.Jitter);
            var direction = new double[n];
            for (int i = 0; i < n; i++) direction[i] = -scale[i] * residual[i];
            chol.Solve(direction, direction);
            for (int i = 0; i < n; i++) direction[i] *= scale[i];

            x.MultiplyTransposed(direction, dz);
            double t = map.StepLimit(z, dz, options.MaxArgumentStep);
            double slope = TensorPrimitives.Dot<double>(residual, direction);
            double phi0 = Phi(potential, lambda, y, out double phiScale);

            bool accepted = false;
            double trialPotential = double.NaN;
            for (int h = 0; h < MaxHalvings && !accepted; h++, t /= 2)
            {
                for (int i = 0; i < n; i++) trialLambda[i] = lambda[i] + t * direction[i];
                x.MultiplyTransposed(trialLambda, trialZ);
                trialPotential = Evaluate(x, y, map, trialZ, trialBeta, trialCurvature, trialResidual);
                double phi = Phi(trialPotential, trialLambda, y, out _);
                if (!double.IsFinite(phi)) continue;
                double trialNorm = MatrixOperations.Norm2(trialResidual);
                if (!double.IsFinite(trialNorm)) continue;
                // Armijo on Phi, with slack at its rounding level (near the solution Phi stops resolving the decrease),
                // or a plain decrease of the residual, which is what quadratic convergence delivers there.
                accepted = phi <= phi0 + Armijo * t * slope + 4 * UnitRoundoff * phiScale || trialNorm <= (1 - Armijo * t) * resNorm;
            }
            if (!accepted) break;
            (lambda, trialLambda) = (trialLambda, lambda);
            (z, trialZ) = (trialZ, z);
            (beta, trialBeta) = (trialBeta, beta);
            (curvature, trialCurvature) = (trialCurvature, curvature);
            (residual, trialResidual) = (trialResidual, residual);
            potential = trialPotential;
            resNorm = MatrixOperations.Norm2(residual);
        }

        return new InterpolatorSolution
        {
            Beta = beta, Lambda = lambda, Iterations = iteration, ResidualNorm = resNorm,
            RelativeResidual = resNorm / yNorm, Converged = converged, MaxJitter = maxJitter,
        };
    }

    // beta = beta(z), curvature = beta'(z), residual = X beta - y; returns the potential F(z).
    private static double Evaluate(Matrix x, double[] y, IMirrorMap map, double[] z, double[] beta, double[] curvature, double[] residual)
    {
        double potential = map.Evaluate(z, beta, curvature);
        x.Multiply(beta, residual);
        TensorPrimitives.Subtract(residual, y, residual);
        return potential;
    }

    // Phi = F(z) - <lambda, y>, with the scale of its terms (the rounding level of comparing two values of it).
    private static double Phi(double potential, double[] lambda, double[] y, out double scale)
    {
        double linear = TensorPrimitives.Dot<double>(lambda, y);
        scale = Math.Abs(potential) + Math.Abs(linear);
        return potential - linear;
    }

    // What evaluating X beta - y in double precision can resolve: several units of roundoff of sum_j |x_ij beta_j| + |y_i| per row,
    // plus, for a map that rounds with its argument, sum_j |x_ij| beta'_j sum_k |x_kj lambda_k| (what rounding z = X^T lambda moves).
    private static double RoundingFloor(Matrix x, double[] beta, double[] y, (double[] Lambda, double[] Curvature)? argument)
    {
        int d = x.Cols;
        double[]? betaError = null;
        if (argument is var (lambda, curvature))
        {
            betaError = new double[d];
            for (int i = 0; i < x.Rows; i++)
            {
                var row = x.Data.AsSpan(i * d, d);
                double l = Math.Abs(lambda[i]);
                for (int j = 0; j < d; j++) betaError[j] += Math.Abs(row[j]) * l;
            }
            for (int j = 0; j < d; j++) betaError[j] *= curvature[j];
        }
        double sum = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Data.AsSpan(i * d, d);
            double s = Math.Abs(y[i]);
            for (int j = 0; j < d; j++) s += Math.Abs(row[j] * beta[j]);
            if (betaError is not null)
                for (int j = 0; j < d; j++) s += Math.Abs(row[j]) * betaError[j];
            sum += s * s;
        }
        return 8 * Math.Sqrt(sum) * UnitRoundoff;
    }
}
