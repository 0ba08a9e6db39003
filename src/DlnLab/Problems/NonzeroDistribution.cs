namespace DlnLab.Problems;

/// <summary>How the s nonzero entries of beta* are drawn; the scale is the distribution's standard deviation or magnitude.</summary>
public enum NonzeroDistribution
{
    /// <summary>N(0, scale^2): the report's choice, with scale 10.</summary>
    Gaussian,
    /// <summary>+scale or -scale with equal probability.</summary>
    Rademacher,
    /// <summary>Uniform on [-scale, scale].</summary>
    Uniform,
    /// <summary>All equal to +scale.</summary>
    Constant,
}
