using System.Numerics.Tensors;
using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The check of a minimum-l1 answer (beta, lambda) on the full problem, whichever method produced it: primal
/// feasibility ||X beta - y|| / ||y||, dual feasibility max(0, ||X^T lambda||_inf - 1) and the relative duality gap
/// (||beta||_1 - y^T lambda) / ||beta||_1. Weak duality makes y^T lambda a lower bound on every interpolator's l1 norm
/// when lambda is dual feasible, so a small gap with small infeasibilities proves beta optimal to that precision.
/// </summary>
public static class MinimumL1Certificate
{
    /// <summary>
    /// Measures (beta, lambda) on X and y; <see cref="MinimumL1Solution.Converged"/> is set only if the method
    /// <paramref name="methodFinished"/> and all three measures are within their tolerances.
    /// </summary>
    public static MinimumL1Solution Verify(Matrix x, double[] y, double[] beta, double[] lambda, int iterations, bool methodFinished,
        string method)
    {
        if (beta.Length != x.Cols) throw new ArgumentException($"beta has {beta.Length} entries but X has {x.Cols} columns", nameof(beta));
        if (lambda.Length != x.Rows) throw new ArgumentException($"lambda has {lambda.Length} entries but X has {x.Rows} rows", nameof(lambda));
        double l1 = TensorPrimitives.SumOfMagnitudes<double>(beta);
        var xtl = x.MultiplyTransposed(lambda);
        double dualInf = Math.Max(0, MatrixOperations.MaxAbs(xtl) - 1);
        double gap = (l1 - TensorPrimitives.Dot<double>(y, lambda)) / Math.Max(l1, 1e-300);
        double rel = MatrixOperations.RelativeResidual(x, beta, y);
        // NaN anywhere fails every comparison below, so it is never verified.
        bool ok = methodFinished && dualInf <= DualTolerance && Math.Abs(gap) <= GapTolerance && rel <= ResidualTolerance;
        return new MinimumL1Solution
        {
            Beta = beta, DualCertificate = lambda, L1Norm = l1, DualityGap = gap,
            DualInfeasibility = dualInf, RelativeResidual = rel, Iterations = iterations, Converged = ok, Method = method,
        };
    }

    /// <summary>The largest relative duality gap a verified answer may have.</summary>
    public const double GapTolerance = 1e-8;

    /// <summary>The largest dual infeasibility max(0, ||X^T lambda||_inf - 1) a verified answer may have.</summary>
    public const double DualTolerance = 1e-9;

    /// <summary>The largest relative residual ||X beta - y|| / ||y|| a verified answer may have.</summary>
    public const double ResidualTolerance = 1e-9;
}
