using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>The core's dense two-phase simplex (<see cref="MinimumL1Solver"/>) as an <see cref="IMinimumL1Solver"/>.</summary>
public sealed class DenseSimplexL1Solver : IMinimumL1Solver
{
    /// <summary>The one instance (the solver keeps no state).</summary>
    public static DenseSimplexL1Solver Instance { get; } = new();

    private DenseSimplexL1Solver()
    {
    }

    /// <inheritdoc />
    public string Name => "simplex";

    /// <inheritdoc />
    public MinimumL1Solution Solve(Matrix x, double[] y) => MinimumL1Solver.Solve(x, y);
}
