namespace DlnLab.Experiments.Reproduction;

/// <summary>Order statistics of samples over datasets: quantiles by linear interpolation (numpy's default).</summary>
internal static class Quantiles
{
    /// <summary>The q-quantile (q in [0, 1]) of the finite values; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);

    /// <summary>Mean of the finite values; NaN when there are none.</summary>
    public static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    /// <summary>Sample standard deviation of the finite values; 0 for one value, NaN for none.</summary>
    public static double StandardDeviation(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return double.NaN;
        if (finite.Length == 1) return 0;
        double mean = finite.Average();
        return Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1));
    }
}
