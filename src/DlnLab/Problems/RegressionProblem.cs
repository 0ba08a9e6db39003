using DlnLab.LinearAlgebra;

namespace DlnLab.Problems;

/// <summary>
/// A regression problem: training design X (n x d, rows x_i) and labels y, an optional held-out test set, and, when
/// known, the planted beta* and the label-noise level.
/// </summary>
public sealed record RegressionProblem
{
    /// <summary>The training design X (n x d), one sample x_i per row.</summary>
    public required Matrix X { get; init; }
    /// <summary>The training labels y (length n).</summary>
    public required double[] Y { get; init; }
    /// <summary>The planted s-sparse vector, when known (generated problems, or loaded with one).</summary>
    public double[]? BetaStar { get; init; }
    /// <summary>A held-out test design (d columns), or null.</summary>
    public Matrix? XTest { get; init; }
    /// <summary>The test labels (one per row of <see cref="XTest"/>), or null.</summary>
    public double[]? YTest { get; init; }
    /// <summary>Standard deviation sigma of the label noise (0 for noiseless labels).</summary>
    public double NoiseStd { get; init; }
    /// <summary>
    /// True when the inputs are i.i.d. standard Gaussian (<see cref="Inputs"/> is isotropic), so the population loss is
    /// exactly 1/2 ||beta - beta*||^2 + sigma^2/2.
    /// </summary>
    public bool IsIsotropicGaussian => Inputs is { IsIsotropic: true };

    /// <summary>
    /// The Gaussian distribution the inputs were drawn from, when known (generated problems), so the population loss is
    /// exact (<see cref="GaussianInputs.PopulationLoss"/>); null for loaded data.
    /// </summary>
    public GaussianInputs? Inputs { get; init; }

    /// <summary>Samples n.</summary>
    public int N => X.Rows;
    /// <summary>Features d.</summary>
    public int D => X.Cols;

    /// <summary>Checks shapes and finiteness; throws <see cref="InvalidInputException"/> naming the field.</summary>
    public RegressionProblem Validated()
    {
        if (N <= 0) throw new InvalidInputException("X", $"has {N} rows; need at least one sample");
        if (D <= 0) throw new InvalidInputException("X", $"has {D} columns; need at least one feature");
        if (Y.Length != N) throw new InvalidInputException("y", $"has {Y.Length} entries but X has {N} rows; they must match");
        Check.AllFinite("X", X.Data);
        Check.AllFinite("y", Y);
        if (BetaStar is not null)
        {
            if (BetaStar.Length != D) throw new InvalidInputException("beta*", $"has {BetaStar.Length} entries but X has {D} columns; they must match");
            Check.AllFinite("beta*", BetaStar);
        }
        if ((XTest is null) != (YTest is null)) throw new InvalidInputException("test set", "needs both X_test and y_test, or neither");
        if (XTest is not null && YTest is not null)
        {
            if (XTest.Cols != D) throw new InvalidInputException("X_test", $"has {XTest.Cols} columns but X has {D}; they must match");
            if (YTest.Length != XTest.Rows) throw new InvalidInputException("y_test", $"has {YTest.Length} entries but X_test has {XTest.Rows} rows; they must match");
            Check.AllFinite("X_test", XTest.Data);
            Check.AllFinite("y_test", YTest);
        }
        Check.NonNegative("noise", NoiseStd);
        return this;
    }
}
