using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// The shape and scale of the gain predicted from the first iterates (the report's section 3.2; MATH.md): with
/// q(x) ~ x^2, Gain ~ gamma^2 sum_k g_{B_k}(beta_k)^2 and early on beta_k ~ beta_0, so the gain's shape is that of
/// E[g_B(beta_0)^2] over a uniform b-subset B of [n] drawn without replacement. With a_i = (&lt;beta_0, x_i&gt; - y_i) x_i,
/// m = mean_i a_i and s^2 = mean_i (a_i - m)^2 (elementwise):
/// E[g_B(beta_0)^2] = m^2 + (n - b) / (b (n - 1)) s^2. Only the variance term falls like 1/b; the mean term does not.
/// </summary>
public static class GainShapePrediction
{
    /// <summary>
    /// E[g_B(beta_0)^2] per coordinate for batches of size <paramref name="batchSize"/> in [1, n] (b = n: the full
    /// gradient squared); <paramref name="beta0"/> null is the report's start beta_0 = 0.
    /// </summary>
    public static double[] ExpectedSquaredGradient(Matrix x, ReadOnlySpan<double> y, int batchSize, ReadOnlySpan<double> beta0 = default)
    {
        int n = x.Rows, d = x.Cols;
        if (y.Length != n) throw new ArgumentException($"y has {y.Length} entries but X has {n} rows", nameof(y));
        if (batchSize < 1 || batchSize > n) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"must be in [1, n] = [1, {n}]");
        if (!beta0.IsEmpty && beta0.Length != d) throw new ArgumentException($"beta0 has {beta0.Length} entries but X has {d} columns", nameof(beta0));
        var residual = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            double r = -y[i];
            if (!beta0.IsEmpty)
                for (int j = 0; j < d; j++) r += row[j] * beta0[j];
            residual[i] = r;
        }
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++) mean[j] += residual[i] * row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        var variance = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++)
            {
                double e = residual[i] * row[j] - mean[j];
                variance[j] += e * e;
            }
        }
        double factor = n == 1 ? 0 : (n - batchSize) / ((double)batchSize * (n - 1));
        var result = new double[d];
        for (int j = 0; j < d; j++) result[j] = mean[j] * mean[j] + factor * variance[j] / n;
        return result;
    }

    /// <summary>
    /// The predicted scale ratio ||Gain||_1(b1) / ||Gain||_1(b2) at one stepsize: sum_i E[g_{B1}(beta_0)^2]_i over
    /// sum_i E[g_{B2}(beta_0)^2]_i. From b = 1 to b = n it is (sum m^2 + sum s^2) / sum m^2, which is n only when the
    /// variance term dominates.
    /// </summary>
    public static double ScaleRatio(Matrix x, ReadOnlySpan<double> y, int b1, int b2, ReadOnlySpan<double> beta0 = default) =>
        ExpectedSquaredGradient(x, y, b1, beta0).Sum() / ExpectedSquaredGradient(x, y, b2, beta0).Sum();

    /// <summary>A vector divided by the mean of its entries (its shape; NaN entries when the mean is 0 or not finite).</summary>
    public static double[] Normalised(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double e in v) sum += e;
        double mean = v.IsEmpty ? double.NaN : sum / v.Length;
        var result = new double[v.Length];
        for (int i = 0; i < v.Length; i++) result[i] = mean == 0 || !double.IsFinite(mean) ? double.NaN : v[i] / mean;
        return result;
    }

    /// <summary>&lt;a, b&gt; / (||a|| ||b||): 1 for proportional shapes; NaN when either vector is zero or not finite.</summary>
    public static double CosineSimilarity(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a has {a.Length} entries but b has {b.Length}; they must match", nameof(b));
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
        double denominator = Math.Sqrt(aa) * Math.Sqrt(bb);
        return denominator > 0 && double.IsFinite(denominator) && double.IsFinite(ab) ? ab / denominator : double.NaN;
    }
}
