using DlnLab.Problems;

namespace DlnLab.Native;

/// <summary>What a problem handle holds: the problem, and the generator's spec when it was generated.</summary>
internal sealed record NativeProblem(RegressionProblem Problem, SparseRegressionSpec? Spec);
