using DlnLab.LinearAlgebra;
using DlnLab.Theory;
using Google.OrTools.LinearSolver;

namespace DlnLab.LinearProgramming;

/// <summary>
/// The minimum-l1 interpolator by GLOP, the simplex of Google OR-Tools, on the linear program
/// min 1^T (p + m) s.t. X (p - m) = y, p, m >= 0 (2d columns, n equality rows; lambda is GLOP's row duals).
/// </summary>
/// <remarks>
/// GLOP's optimal basis is solved again by LU (X_B beta_B = y, X_B^T lambda = signs), which polishes both to rounding,
/// and <see cref="MinimumL1Certificate.Verify"/> checks the answer on the full problem; GLOP's own values are kept
/// where the basis cannot be refactored or the polished answer checks worse. A working set of columns grown by pricing
/// (column generation) was tried first and dropped: at (n, d) = (200, 1000) it re-solved many times where the full
/// program is solved once.
/// </remarks>
public sealed class GlopL1Solver : IMinimumL1Solver
{
    /// <summary>The one instance (each solve builds its own GLOP model).</summary>
    public static GlopL1Solver Instance { get; } = new();

    private GlopL1Solver()
    {
    }

    /// <inheritdoc />
    public string Name => "glop";

    /// <inheritdoc />
    public MinimumL1Solution Solve(Matrix x, double[] y)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        using var lp = new LinearProgram(x, y);
        if (!lp.Solve()) return MinimumL1Certificate.Verify(x, y, new double[x.Cols], new double[x.Rows], lp.Iterations, false, Name);
        var (beta, lambda) = lp.Solution();
        var raw = MinimumL1Certificate.Verify(x, y, beta, lambda, lp.Iterations, true, Name);
        if (lp.PolishedSolution() is not var (polishedBeta, polishedLambda)) return raw;
        var polished = MinimumL1Certificate.Verify(x, y, polishedBeta, polishedLambda, lp.Iterations, true, Name);
        return polished.Converged || !raw.Converged && Worst(polished) <= Worst(raw) ? polished : raw;
    }

    private static double Worst(MinimumL1Solution s) =>
        Math.Max(Math.Max(s.DualInfeasibility / MinimumL1Certificate.DualTolerance, Math.Abs(s.DualityGap) / MinimumL1Certificate.GapTolerance),
            s.RelativeResidual / MinimumL1Certificate.ResidualTolerance);

    /// <summary>The GLOP model: columns p_j and m_j for each j, the n equality rows.</summary>
    private sealed class LinearProgram : IDisposable
    {
        private readonly Matrix _x;
        private readonly double[] _y;
        private readonly Solver _solver;
        private readonly Constraint[] _rows;
        private readonly Variable[] _plus, _minus;

        /// <summary>GLOP's simplex iterations.</summary>
        public int Iterations { get; private set; }

        public LinearProgram(Matrix x, double[] y)
        {
            _x = x;
            _y = y;
            _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver in this build");
            // Tolerances below the certificate's, so a basis GLOP calls optimal passes the check after the LU polish.
            _solver.SetSolverSpecificParametersAsString("primal_feasibility_tolerance: 1e-11 dual_feasibility_tolerance: 1e-11");
            _rows = new Constraint[x.Rows];
            for (int i = 0; i < x.Rows; i++) _rows[i] = _solver.MakeConstraint(y[i], y[i]);
            var objective = _solver.Objective();
            objective.SetMinimization();
            _plus = new Variable[x.Cols];
            _minus = new Variable[x.Cols];
            for (int j = 0; j < x.Cols; j++)
            {
                var plus = _plus[j] = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                var minus = _minus[j] = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(plus, 1);
                objective.SetCoefficient(minus, 1);
                for (int i = 0; i < x.Rows; i++)
                {
                    double v = x[i, j];
                    if (v == 0) continue;
                    _rows[i].SetCoefficient(plus, v);
                    _rows[i].SetCoefficient(minus, -v);
                }
            }
        }

        /// <summary>Solves once; whether GLOP found the optimum.</summary>
        public bool Solve()
        {
            var status = _solver.Solve();
            Iterations = (int)Math.Min(int.MaxValue, _solver.Iterations());
            return status == Solver.ResultStatus.OPTIMAL;
        }

        /// <summary>GLOP's beta = p - m and lambda (its row duals).</summary>
        public (double[] Beta, double[] Lambda) Solution()
        {
            var beta = new double[_x.Cols];
            for (int j = 0; j < beta.Length; j++) beta[j] = _plus[j].SolutionValue() - _minus[j].SolutionValue();
            var lambda = new double[_rows.Length];
            for (int i = 0; i < lambda.Length; i++) lambda[i] = _rows[i].DualValue();
            return (beta, lambda);
        }

        /// <summary>
        /// The final basis solved again: B x_B = y and B^T lambda = 1 over its n columns (+x_j for p_j, -x_j for m_j);
        /// null if the basis does not consist of n columns or cannot be factored.
        /// </summary>
        public (double[] Beta, double[] Lambda)? PolishedSolution()
        {
            var basis = new List<(int Column, double Sign)>();
            for (int j = 0; j < _plus.Length; j++)
            {
                if (_plus[j].BasisStatus() == Solver.BasisStatus.BASIC) basis.Add((j, 1));
                if (_minus[j].BasisStatus() == Solver.BasisStatus.BASIC) basis.Add((j, -1));
            }
            int n = _x.Rows;
            if (basis.Count != n) return null;
            var b = new Matrix(n, n);
            for (int r = 0; r < n; r++)
                for (int i = 0; i < n; i++) b[i, r] = basis[r].Sign * _x[i, basis[r].Column];
            if (!LuDecomposition.TryFactor(b, out var lu)) return null;
            var xb = lu.Solve(_y);
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            var lambda = lu.SolveTransposed(ones);
            var beta = new double[_x.Cols];
            for (int r = 0; r < n; r++) beta[basis[r].Column] += basis[r].Sign * xb[r];
            return (beta, lambda);
        }

        public void Dispose() => _solver.Dispose();
    }
}
