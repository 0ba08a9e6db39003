namespace DlnLab.Problems;

/// <summary>Where the s nonzero coordinates of beta* sit.</summary>
public enum SupportPlacement
{
    /// <summary>A uniformly random subset of the d coordinates.</summary>
    Random,
    /// <summary>The first s coordinates, which makes plots of per-coordinate quantities easy to read.</summary>
    Leading,
}
