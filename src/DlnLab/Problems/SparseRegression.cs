using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Problems;

/// <summary>Generates the Gaussian sparse-regression problems of the report from a <see cref="SparseRegressionSpec"/>.</summary>
public static class SparseRegression
{
    /// <summary>
    /// Draws the problem. X, beta*, the label noise and the test set come from independent sub-streams of the seed,
    /// so changing n_test or sigma leaves the training design and beta* unchanged.
    /// </summary>
    public static RegressionProblem Generate(SparseRegressionSpec spec)
    {
        spec.Validated();
        int n = spec.N, d = spec.D;
        var betaStar = DrawBetaStar(spec);

        var designRng = new Xoshiro256(SplitMix64.Derive(spec.Seed, SplitMix64.Label("design")));
        var inputs = spec.Inputs;
        var x = GaussianMatrix(n, d, inputs, ref designRng);
        var noiseRng = new Xoshiro256(SplitMix64.Derive(spec.Seed, SplitMix64.Label("noise")));
        var y = Labels(x, betaStar, spec.Noise, ref noiseRng);

        var testRng = new Xoshiro256(SplitMix64.Derive(spec.Seed, SplitMix64.Label("test")));
        var xTest = GaussianMatrix(spec.NTest, d, inputs, ref testRng);
        var yTest = Labels(xTest, betaStar, spec.Noise, ref testRng);

        return new RegressionProblem
        {
            X = x, Y = y, BetaStar = betaStar, XTest = xTest, YTest = yTest,
            NoiseStd = spec.Noise, Inputs = inputs,
        };
    }

    private static double[] DrawBetaStar(SparseRegressionSpec spec)
    {
        var rng = new Xoshiro256(SplitMix64.Derive(spec.Seed, SplitMix64.Label("beta*")));
        int d = spec.D;
        var support = new int[d];
        for (int i = 0; i < d; i++) support[i] = i;
        if (spec.Support == SupportPlacement.Random)
            for (int i = 0; i < spec.S; i++) // partial Fisher-Yates: support[0..s) is a uniform random subset
            {
                int j = i + rng.NextBelow(d - i);
                (support[i], support[j]) = (support[j], support[i]);
            }
        var beta = new double[d];
        for (int k = 0; k < spec.S; k++)
        {
            double scale = spec.NonzeroScale;
            beta[support[k]] = spec.Nonzeros switch
            {
                NonzeroDistribution.Gaussian => scale * rng.NextGaussian(),
                NonzeroDistribution.Rademacher => rng.NextDouble() < 0.5 ? -scale : scale,
                NonzeroDistribution.Uniform => scale * (2 * rng.NextDouble() - 1),
                _ => scale,
            };
        }
        return beta;
    }

    // The same standard Gaussians for every mean and correlation, each row then transformed (isotropic rows untouched).
    private static Matrix GaussianMatrix(int rows, int cols, GaussianInputs inputs, ref Xoshiro256 rng)
    {
        var m = new Matrix(rows, cols);
        var data = m.Data;
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextGaussian();
        if (!inputs.IsIsotropic)
            for (int i = 0; i < rows; i++) inputs.Transform(data.AsSpan(i * cols, cols));
        return m;
    }

    private static double[] Labels(Matrix x, double[] betaStar, double noise, ref Xoshiro256 rng)
    {
        var y = x.Multiply(betaStar);
        if (noise > 0)
            for (int i = 0; i < y.Length; i++) y[i] += noise * rng.NextGaussian();
        return y;
    }
}
