namespace DlnLab.Problems;

/// <summary>Where the arrays of a regression problem live; each path ends in .csv or .npy.</summary>
public sealed record ProblemFiles
{
    /// <summary>The design X, 2-D: n samples x d features.</summary>
    public required string X { get; init; }
    /// <summary>The labels y: shape (n,), (n, 1) or (1, n).</summary>
    public required string Y { get; init; }
    /// <summary>The planted beta* (d entries), when known.</summary>
    public string? BetaStar { get; init; }
    /// <summary>A held-out design with d columns; needs <see cref="YTest"/>.</summary>
    public string? XTest { get; init; }
    /// <summary>Labels of the held-out design; needs <see cref="XTest"/>.</summary>
    public string? YTest { get; init; }
}
