namespace DlnLab.Problems;

/// <summary>
/// A Gaussian sparse-regression problem: x_i ~ N(mu 1, Sigma) (default N(0, I_d); <see cref="Mean"/>,
/// <see cref="Correlation"/>), y = X beta* + sigma * noise, beta* s-sparse. Fully
/// determined by its fields and <see cref="Seed"/>. Defaults follow the report: (n, d, s) = (20, 30, 3), nonzeros
/// N(0, 10^2), noiseless labels, 1000 test points.
/// </summary>
public sealed record SparseRegressionSpec
{
    /// <summary>Number of training samples n (default 20).</summary>
    public int N { get; init; } = 20;
    /// <summary>Dimension d (default 30); usually d > n (overparametrised).</summary>
    public int D { get; init; } = 30;
    /// <summary>Number of nonzeros s of beta*, in [0, d] (default 3).</summary>
    public int S { get; init; } = 3;
    /// <summary>How the nonzeros of beta* are drawn (default Gaussian).</summary>
    public NonzeroDistribution Nonzeros { get; init; } = NonzeroDistribution.Gaussian;
    /// <summary>Scale of the nonzeros (default 10: N(0, 10^2)).</summary>
    public double NonzeroScale { get; init; } = 10;
    /// <summary>Where the support of beta* lies (default random coordinates).</summary>
    public SupportPlacement Support { get; init; } = SupportPlacement.Random;
    /// <summary>Label noise standard deviation sigma (default 0).</summary>
    public double Noise { get; init; }
    /// <summary>Size of the held-out test set (default 1000).</summary>
    public int NTest { get; init; } = 1000;
    /// <summary>Mean mu of every input coordinate (default 0: centered), x ~ N(mu 1, Sigma).</summary>
    public double Mean { get; init; }
    /// <summary>Correlation rho in (-1, 1) of the inputs' Toeplitz covariance Sigma_ij = rho^|i-j| (default 0: Sigma = I).</summary>
    public double Correlation { get; init; }
    /// <summary>The input distribution (mean and correlation).</summary>
    public GaussianInputs Inputs => new(Mean, Correlation);
    /// <summary>Seed of the data: X, beta*, noise and test set each come from a sub-stream derived from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first bad field.</summary>
    public SparseRegressionSpec Validated()
    {
        Check.Positive("n", N);
        Check.Positive("d", D);
        if (S < 0 || S > D) throw new InvalidInputException("s", S, $"must be an integer in [0, d] = [0, {D}]");
        Check.Positive("n-test", NTest);
        Check.Positive("nonzero-scale", NonzeroScale);
        Check.NonNegative("noise", Noise);
        if (!double.IsFinite(Mean)) throw new InvalidInputException("mean", Mean, "must be a finite number");
        if (!(Correlation > -1 && Correlation < 1)) throw new InvalidInputException("correlation", Correlation, "must be a number in (-1, 1)");
        if (!Enum.IsDefined(Nonzeros)) throw new InvalidInputException("nonzeros", Nonzeros, "must be gaussian, rademacher, uniform or constant");
        if (!Enum.IsDefined(Support)) throw new InvalidInputException("support", Support, "must be random or leading");
        if ((long)N * D > 400_000_000L) throw new InvalidInputException("n * d", (long)N * D, "must be at most 4e8 entries");
        if ((long)NTest * D > 400_000_000L) throw new InvalidInputException("n-test", NTest, $"n-test * d = {(long)NTest * D} must be at most 4e8 entries");
        bool testDominates = NTest > CopiesOfX * N;
        MemoryLimit.Check(testDominates ? "n-test" : "d", testDominates ? NTest : D, EstimatedBytes(N, D, NTest),
            $"training on data of n = {N}, d = {D}, n-test = {NTest}");
        return this;
    }

    /// <summary>
    /// Bytes a problem takes while it is trained and checked against the theory: measured at about seven n x d
    /// matrices of doubles (X, the padded training copy, the solvers' work), plus the test design and the vectors.
    /// Computed in doubles, so no size overflows.
    /// </summary>
    public static double EstimatedBytes(double n, double d, double nTest) => 8 * ((CopiesOfX * n + nTest) * d + 2 * n + nTest + 4 * d);

    /// <summary>How many n x d matrices of doubles training and the theory checks hold at once (measured: 6.5).</summary>
    public const double CopiesOfX = 7;
}
