using System.Numerics.Tensors;
using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The minimum-l1 interpolator as the linear program min 1^T (p + m) s.t. X (p - m) = y, p, m >= 0, solved by a dense
/// two-phase revised simplex (explicit basis inverse, refactored periodically, the basic values refined whenever
/// rounding pushes one below zero; Dantzig pricing with Bland's rule against cycling; the basic values lifted off zero
/// before phase 2, as the optimum of a sparse problem is massively degenerate). The final basis is then re-solved by LU
/// (X_B beta_B = y and X_B^T lambda = signs), which polishes beta and yields the dual certificate; the gap and dual
/// feasibility are verified, not assumed.
/// </summary>
public static class MinimumL1Solver
{
    private const double OptimalityTolerance = 1e-11;
    private const double PivotTolerance = 1e-9;
    private const int RefactorEvery = 100;
    private const int DegenerateStepsBeforeBland = 50;

    /// <summary>Solves; check <see cref="MinimumL1Solution.Converged"/>.</summary>
    public static MinimumL1Solution Solve(Matrix x, double[] y)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        var lp = new Simplex(x, y);
        if (x.Rows <= x.Cols && lp.TryCrashStart(CrashColumns(x, y)))
        {
            lp.Perturb();
            return lp.Polished(lp.Run(phase: 2));
        }
        lp = new Simplex(x, y);
        bool ok = lp.Run(phase: 1);
        ok = ok && lp.ArtificialSum() <= 1e-9 * Math.Max(TensorPrimitives.SumOfMagnitudes<double>(y), 1e-300);
        if (ok)
        {
            lp.DriveOutArtificials();
            lp.Perturb();
            ok = lp.Run(phase: 2);
        }
        return lp.Polished(ok);
    }

    // Any n independent columns of X, each taken with the sign of its coefficient, form a feasible basis, so no
    // phase 1 is needed. The n largest coordinates of the hyperentropy interpolator at a small scale (Theorem 2.1:
    // close to the minimum-l1 one) make a basis that is nearly optimal, and phase 2 then needs few pivots.
    private static int[] CrashColumns(Matrix x, double[] y)
    {
        double scale = Math.Max(MatrixOperations.MaxAbs(y), 1e-300);
        var lnA = Enumerable.Repeat(Math.Log(1e-12 * scale), x.Cols).ToArray();
        DualNewtonSolver.TrySolve(x, y, lnA, new double[x.Cols], out var guess, new DualNewtonOptions { Tolerance = 1e-10, MaxIterations = 100 });
        return Enumerable.Range(0, x.Cols).OrderByDescending(j => Math.Abs(guess.Beta[j])).ThenBy(j => j).Take(x.Rows).ToArray();
    }

    private sealed class Simplex
    {
        private readonly Matrix _xs; // rows of X with the sign that makes y >= 0
        private readonly double[] _sign, _ys, _y;
        // The right-hand side the pivots work with: |y|, or |y| + B delta once Perturb has lifted the basic solution.
        private double[] _rhs;
        private readonly Matrix _x;
        private readonly int _n, _d;
        private readonly int[] _basis;
        private readonly bool[] _isBasic;
        private Matrix _binv;
        private double[] _xb;
        private readonly double[] _column, _w, _lambda, _t;
        private int _phase;
        public int Iterations;

        public Simplex(Matrix x, double[] y)
        {
            _x = x;
            _y = y;
            _n = x.Rows;
            _d = x.Cols;
            _sign = y.Select(v => v >= 0 ? 1.0 : -1.0).ToArray();
            _ys = y.Select(Math.Abs).ToArray();
            _xs = x.Clone();
            for (int i = 0; i < _n; i++)
                if (_sign[i] < 0) TensorPrimitives.Negate(_xs.Row(i), _xs.Row(i));
            _basis = Enumerable.Range(2 * _d, _n).ToArray();
            _isBasic = new bool[2 * _d + _n];
            foreach (int b in _basis) _isBasic[b] = true;
            _binv = Identity(_n);
            _xb = (double[])_ys.Clone();
            _rhs = _ys;
            _column = new double[_n];
            _w = new double[_n];
            _lambda = new double[_n];
            _t = new double[_d];
        }

        private static Matrix Identity(int n)
        {
            var m = new Matrix(n, n);
            for (int i = 0; i < n; i++) m[i, i] = 1;
            return m;
        }

        private double Cost(int j) => _phase == 1 ? (j >= 2 * _d ? 1 : 0) : (j >= 2 * _d ? 0 : 1);

        private void Column(int j, double[] col)
        {
            if (j >= 2 * _d)
            {
                Array.Clear(col);
                col[j - 2 * _d] = 1;
                return;
            }
            int k = j % _d;
            double s = j < _d ? 1 : -1;
            for (int i = 0; i < _n; i++) col[i] = s * _xs.Data[i * _d + k];
        }

        /// <summary>Starts from the given n columns of X with the signs that make the basic solution nonnegative; false if they are (nearly) dependent.</summary>
        public bool TryCrashStart(int[] columns)
        {
            Array.Copy(columns, _basis, _n);
            if (!LuDecomposition.TryFactor(BasisMatrix(), out var lu) || lu.PivotRatio < 1e-10) return false;
            var xb = lu.Solve(_ys);
            for (int r = 0; r < _n; r++)
                if (xb[r] < 0) _basis[r] += _d;
            Array.Clear(_isBasic);
            foreach (int j in _basis) _isBasic[j] = true;
            return TryRefactor();
        }

        /// <summary>
        /// Lifts every basic column of X off zero by a tiny deterministic random amount (at most 1e-10 of the largest
        /// basic value), moving the right-hand side to match. Minimum-l1 programs are massively degenerate at their
        /// optimum (a sparse beta leaves most of the n basic values at zero), where pivots of zero length can stall the
        /// simplex for ever (at (n, d, s) = (400, 2000, 20) it ran out of its pivot budget); on the lifted program such
        /// pivots are rare. The final basis is dual feasible whatever the right-hand side, and <see cref="Polished"/>
        /// solves it again with the true y, then checks the gap and feasibility.
        /// </summary>
        public void Perturb()
        {
            var rng = new Randomness.Xoshiro256(0x5EED);
            double top = Math.Max(MatrixOperations.MaxAbs(_xb), 1e-300);
            var delta = new double[_n];
            for (int r = 0; r < _n; r++)
                if (_basis[r] < 2 * _d) delta[r] = 1e-10 * top * (0.5 + 0.5 * rng.NextDouble());
            _rhs = (double[])_ys.Clone();
            for (int r = 0; r < _n; r++)
            {
                if (delta[r] == 0) continue;
                Column(_basis[r], _column);
                TensorPrimitives.MultiplyAdd(_column, delta[r], _rhs, _rhs);
                _xb[r] += delta[r];
            }
        }

        public double ArtificialSum()
        {
            double s = 0;
            for (int r = 0; r < _n; r++) if (_basis[r] >= 2 * _d) s += Math.Max(_xb[r], 0);
            return s;
        }

        public bool Run(int phase)
        {
            _phase = phase;
            int maxIterations = 50 * (_n + _d) + 1000;
            int degenerate = 0;
            for (int local = 0; ; local++)
            {
                if (Iterations >= maxIterations) return false;
                // The inverse afresh every RefactorEvery pivots (on failure the updated one stays); in between, the
                // basic values refined as soon as rounding in the updates of an ill-conditioned basis has pushed one
                // below zero, where the ratio test would take it for a zero and stall.
                if (local > 0 && local % RefactorEvery == 0) TryRefactor();
                else if (local > 0 && Drifted()) Refine();
                // lambda = B^{-T} c_B; reduced costs r_j = c_j - lambda^T A_j.
                Array.Clear(_lambda);
                for (int r = 0; r < _n; r++)
                {
                    double cb = Cost(_basis[r]);
                    if (cb != 0) TensorPrimitives.MultiplyAdd(_binv.Row(r), cb, _lambda, _lambda);
                }
                _xs.MultiplyTransposed(_lambda, _t);
                bool bland = degenerate > DegenerateStepsBeforeBland;
                int entering = -1;
                double best = -OptimalityTolerance;
                int candidates = phase == 1 ? 2 * _d + _n : 2 * _d;
                for (int j = 0; j < candidates; j++)
                {
                    if (_isBasic[j]) continue;
                    double a = j < _d ? _t[j] : j < 2 * _d ? -_t[j - _d] : _lambda[j - 2 * _d];
                    double reduced = Cost(j) - a;
                    if (reduced < best)
                    {
                        entering = j;
                        best = reduced;
                        if (bland) break;
                    }
                }
                if (entering < 0) return true;

                Column(entering, _column);
                _binv.Multiply(_column, _w);
                double wMax = MatrixOperations.MaxAbs(_w);
                int leaving = -1;
                double ratio = double.PositiveInfinity, pivot = 0;
                for (int r = 0; r < _n; r++)
                {
                    double wr = _w[r];
                    if (wr <= PivotTolerance * Math.Max(wMax, 1)) continue;
                    double q = Math.Max(_xb[r], 0) / wr;
                    // Among (near) ties, the largest pivot for stability, or the smallest index under Bland's rule.
                    bool better = leaving < 0 || q < ratio - 1e-12 * Math.Max(1, ratio)
                        || (q <= ratio + 1e-12 * Math.Max(1, ratio) && (bland ? _basis[r] < _basis[leaving] : wr > pivot));
                    if (better)
                    {
                        leaving = r;
                        ratio = Math.Min(q, ratio);
                        pivot = wr;
                    }
                }
                if (leaving < 0) return false; // unbounded: impossible for these programs unless the data are degenerate
                double theta = Math.Max(_xb[leaving], 0) / _w[leaving];
                Pivot(entering, leaving, theta);
                degenerate = theta <= 1e-12 ? degenerate + 1 : 0;
            }
        }

        private bool Drifted()
        {
            double floor = -1e-12 * Math.Max(MatrixOperations.MaxAbs(_xb), 1e-300);
            foreach (double v in _xb) if (v < floor) return true;
            return false;
        }

        // One step of iterative refinement of x_B: x_B += B^{-1} (rhs - B x_B).
        private void Refine()
        {
            var residual = (double[])_rhs.Clone();
            for (int r = 0; r < _n; r++)
            {
                Column(_basis[r], _column);
                TensorPrimitives.MultiplyAdd(_column, -_xb[r], residual, residual);
            }
            _binv.Multiply(residual, _w);
            TensorPrimitives.Add(_xb, _w, _xb);
        }

        private void Pivot(int entering, int leaving, double theta)
        {
            for (int r = 0; r < _n; r++) _xb[r] -= theta * _w[r];
            _xb[leaving] = theta;
            var pivotRow = _binv.Row(leaving);
            TensorPrimitives.Divide(pivotRow, _w[leaving], pivotRow);
            for (int r = 0; r < _n; r++)
            {
                if (r == leaving || _w[r] == 0) continue;
                var row = _binv.Row(r);
                TensorPrimitives.MultiplyAdd(pivotRow, -_w[r], row, row);
            }
            _isBasic[_basis[leaving]] = false;
            _isBasic[entering] = true;
            _basis[leaving] = entering;
            Iterations++;
        }

        private Matrix BasisMatrix()
        {
            var b = new Matrix(_n, _n);
            for (int r = 0; r < _n; r++)
            {
                Column(_basis[r], _column);
                for (int i = 0; i < _n; i++) b[i, r] = _column[i];
            }
            return b;
        }

        // B^{-1} and x_B afresh from the current basis, shedding the rounding the pivots' updates accumulate.
        private bool TryRefactor()
        {
            if (!LuDecomposition.TryFactor(BasisMatrix(), out var lu)) return false;
            _binv = lu.Inverse();
            _xb = lu.Solve(_rhs);
            return true;
        }

        /// <summary>Replaces artificial basics (at level 0 after a feasible phase 1) by columns of X where possible.</summary>
        public void DriveOutArtificials()
        {
            for (int r = 0; r < _n; r++)
            {
                if (_basis[r] < 2 * _d) continue;
                var row = _binv.Row(r).ToArray();
                _xs.MultiplyTransposed(row, _t);
                int k = TensorPrimitives.IndexOfMaxMagnitude<double>(_t);
                if (Math.Abs(_t[k]) <= 1e-8) continue; // redundant constraint: the artificial stays, at 0, with cost 0
                int entering = _t[k] > 0 ? k : k + _d;
                Column(entering, _column);
                _binv.Multiply(_column, _w);
                Pivot(entering, r, _xb[r] / _w[r]);
            }
        }

        public MinimumL1Solution Polished(bool simplexOk)
        {
            var xb = _xb;
            var lambda = (double[])_lambda.Clone();
            var costs = _basis.Select(j => j >= 2 * _d ? 0.0 : 1.0).ToArray();
            if (LuDecomposition.TryFactor(BasisMatrix(), out var lu))
            {
                xb = lu.Solve(_ys);
                lambda = lu.SolveTransposed(costs);
            }
            var beta = new double[_d];
            for (int r = 0; r < _n; r++)
            {
                int j = _basis[r];
                if (j < _d) beta[j] += xb[r];
                else if (j < 2 * _d) beta[j - _d] -= xb[r];
            }
            for (int i = 0; i < _n; i++) lambda[i] *= _sign[i];
            return MinimumL1Certificate.Verify(_x, _y, beta, lambda, Iterations, simplexOk, "simplex");
        }
    }
}
