using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// A method for the minimum-l1 interpolator argmin { ||beta||_1 : X beta = y } that returns its dual certificate:
/// the dense simplex of the core (<see cref="DenseSimplexL1Solver"/>) or a linear-programming library behind this
/// interface (src/DlnLab.LinearProgramming), so the core depends on none. Every implementation's answer is checked by
/// <see cref="MinimumL1Certificate.Verify"/>, not taken on trust.
/// </summary>
public interface IMinimumL1Solver
{
    /// <summary>The method's name as `dln solve --l1-solver` spells it (simplex, glop).</summary>
    string Name { get; }

    /// <summary>Solves for X (n x d) and y (length n); check <see cref="MinimumL1Solution.Converged"/>.</summary>
    MinimumL1Solution Solve(Matrix x, double[] y);
}
