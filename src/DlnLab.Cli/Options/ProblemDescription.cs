using DlnLab.Problems;

namespace DlnLab.Cli.Options;

/// <summary>Where a run's problem came from, for the record: the generator spec, or the --data path it was loaded from.</summary>
internal sealed record ProblemDescription(SparseRegressionSpec? Generator, string? DataPath, int N, int D);
