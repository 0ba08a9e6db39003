using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Tests.Theory;

/// <summary>Problems and checks the theory tests share.</summary>
internal static class TheoryFixtures
{
    public static RegressionProblem Problem(int n = 20, int d = 30, int s = 3, ulong seed = 7) =>
        SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = s, NTest = 10, Seed = seed });

    public static double Norm(ReadOnlySpan<double> x) => MatrixOperations.Norm2(x);

    public static double RelativeDistance(double[] a, double[] reference) => MatrixOperations.RelativeDistance(a, reference);

    /// <summary>alpha for every one of d coordinates.</summary>
    public static double[] Uniform(int d, double alpha) => Enumerable.Repeat(alpha, d).ToArray();

    /// <summary>v - P v, P the orthogonal projector onto the row space of X (the part of v in the null space of X).</summary>
    public static double[] OutsideRowSpace(Matrix x, double[] v)
    {
        var chol = Cholesky.Factor(MatrixOperations.Gram(x));
        var outside = (double[])v.Clone();
        for (int pass = 0; pass < 2; pass++) // a second pass removes what rounding left of the row-space part
        {
            var mu = chol.Solve(x.Multiply(outside));
            var inRow = x.MultiplyTransposed(mu);
            for (int j = 0; j < v.Length; j++) outside[j] -= inRow[j];
        }
        return outside;
    }

    /// <summary>||v - P v|| / ||v||, P the orthogonal projector onto the row space of X.</summary>
    public static double RelativeOutsideRowSpace(Matrix x, double[] v) => Norm(OutsideRowSpace(x, v)) / Math.Max(Norm(v), 1e-300);
}
