using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// Algorithm 1 of Pesme and Flammarion, "Saddle-to-saddle dynamics in diagonal linear networks" (NeurIPS 2023): the
/// limit as alpha -> 0 of gradient flow on L(u ⊙ v) = 1/(2n) ||X (u ⊙ v) - y||^2 from u0 = sqrt(2) alpha, v0 = 0, in
/// rescaled time t~ = t / ln(1/alpha). The flow rests on saddles beta^k and jumps between them at times t_k.
/// </summary>
/// <remarks>
/// Along the flow beta_i(t) = alpha^2 sinh(2 ln(1/alpha) s_i(t~)) with s(t~) = -integral_0^t~ grad L(beta), so beta_i is
/// of order alpha^(2 (1 - |s_i|)): negligible while |s_i| &lt; 1, free to take any value of the sign of s_i once
/// |s_i| = 1. Between jumps beta is constant, so s moves on a straight line, s(t~) = s(t_k) - (t~ - t_k) grad L(beta^k);
/// the next jump is the first time a moving coordinate's |s_i| reaches 1, and the next saddle minimises L over the
/// coordinates with |s_i| = 1 under beta_i s_i >= 0 (a non-negative least squares in b_i = s_i beta_i), the others at 0.
/// The algorithm stops at a saddle where the gradient vanishes: for an interpolating problem in general position this
/// is the minimum-l1 interpolator. docs/THEORY.md states the formulas.
/// </remarks>
public static class SaddleToSaddle
{
    /// <summary>
    /// The saddles and jump times for X (n x d) and y (length n). A gradient entry below <paramref name="relativeTolerance"/>
    /// times ||grad L(0)||_inf counts as zero. Throws <see cref="SolverException"/> if more than
    /// <paramref name="maxSaddles"/> saddles are visited (0: 10 (n + d) + 10).
    /// </summary>
    public static SaddleSequence Compute(Matrix x, double[] y, int maxSaddles = 0, double relativeTolerance = 1e-11)
    {
        int n = x.Rows, d = x.Cols;
        if (y.Length != n) throw new ArgumentException($"y has {y.Length} entries but X has {n} rows", nameof(y));
        if (maxSaddles < 0) throw new ArgumentOutOfRangeException(nameof(maxSaddles), maxSaddles, "must be >= 0 (0: automatic)");
        if (maxSaddles == 0) maxSaddles = 10 * (n + d) + 10;

        var beta = new double[d];
        var dual = new double[d];
        var saturated = new bool[d];
        double time = 0;
        var saddles = new List<Saddle> { new(0, (double[])beta.Clone(), Loss(x, y, beta), (double[])dual.Clone(), [], [], []) };
        double tolerance = relativeTolerance * MatrixOperations.MaxAbs(Gradient(x, y, beta));
        while (true)
        {
            var gradient = Gradient(x, y, beta);
            // (a) The first time a moving coordinate's dual reaches +-1: s_i - tau g_i = -sign(g_i).
            double jump = double.PositiveInfinity;
            var arrival = new double[d];
            for (int i = 0; i < d; i++)
            {
                arrival[i] = double.PositiveInfinity;
                if (Math.Abs(gradient[i]) <= tolerance) continue;
                if (saturated[i] && dual[i] * gradient[i] < 0)
                    throw new SolverException($"coordinate {i} at |s| = 1 has a gradient pushing it outward ({gradient[i]:G3}): the saddle's least squares is not optimal");
                arrival[i] = (1 + Math.Sign(gradient[i]) * dual[i]) / Math.Abs(gradient[i]);
                jump = Math.Min(jump, arrival[i]);
            }
            if (double.IsPositiveInfinity(jump)) return new SaddleSequence(saddles);
            if (saddles.Count > maxSaddles)
                throw new SolverException($"saddle-to-saddle visited more than {maxSaddles} saddles without reaching a critical point of the loss");

            time += jump;
            var joined = new List<int>();
            for (int i = 0; i < d; i++)
            {
                if (double.IsPositiveInfinity(arrival[i])) continue;
                if (arrival[i] <= jump * (1 + 1e-12))
                {
                    dual[i] = -Math.Sign(gradient[i]);
                    saturated[i] = true;
                    joined.Add(i);
                }
                else
                {
                    dual[i] -= jump * gradient[i];
                    saturated[i] = false;
                }
            }

            // (b) The next saddle: argmin L over beta_i s_i >= 0 where |s_i| = 1, beta_i = 0 elsewhere.
            var previous = beta;
            beta = ConstrainedMinimiser(x, y, dual, saturated);
            var support = Enumerable.Range(0, d).Where(i => beta[i] != 0).ToArray();
            var left = Enumerable.Range(0, d).Where(i => previous[i] != 0 && beta[i] == 0).ToArray();
            saddles.Add(new Saddle(time, (double[])beta.Clone(), Loss(x, y, beta), (double[])dual.Clone(), support, [.. joined], left));
        }
    }

    /// <summary>grad L(beta) = (1/n) X^T (X beta - y).</summary>
    public static double[] Gradient(Matrix x, double[] y, double[] beta)
    {
        var gradient = x.MultiplyTransposed(MatrixOperations.Residual(x, beta, y));
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= x.Rows;
        return gradient;
    }

    /// <summary>L(beta) = 1/(2n) ||X beta - y||^2.</summary>
    public static double Loss(Matrix x, double[] y, double[] beta)
    {
        double norm = MatrixOperations.Norm2(MatrixOperations.Residual(x, beta, y));
        return norm * norm / (2 * x.Rows);
    }

    /// <summary>The sign-constrained least squares on the saturated coordinates, through b_i = s_i beta_i >= 0.</summary>
    private static double[] ConstrainedMinimiser(Matrix x, double[] y, double[] dual, bool[] saturated)
    {
        var columns = Enumerable.Range(0, x.Cols).Where(i => saturated[i]).ToArray();
        var signed = new Matrix(x.Rows, columns.Length);
        for (int r = 0; r < x.Rows; r++)
            for (int c = 0; c < columns.Length; c++) signed[r, c] = dual[columns[c]] * x[r, columns[c]];
        var b = NonNegativeLeastSquares.Solve(signed, y);
        var beta = new double[x.Cols];
        for (int c = 0; c < columns.Length; c++) beta[columns[c]] = dual[columns[c]] * b[c];
        return beta;
    }
}
