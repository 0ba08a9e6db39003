using DlnLab.LinearAlgebra;

namespace DlnLab.Theory;

/// <summary>
/// Scales each equation x_i^T beta = y_i by a power of two so that its largest |x_ij| lies in [1, 2). The set of
/// interpolators {X beta = y}, and so every interpolator the theory names, is unchanged, and the scaling is exact in
/// floating point; it keeps Gram matrices and Hessians finite for designs of any magnitude (X scaled by 1e200, say).
/// Rows that are all zero are left as they are.
/// </summary>
public static class RowEquilibration
{
    /// <summary>The scaled copies of X and y.</summary>
    public static (Matrix X, double[] Y) Apply(Matrix x, double[] y)
    {
        if (y.Length != x.Rows) throw new ArgumentException($"y has {y.Length} entries but X has {x.Rows} rows", nameof(y));
        var xs = x.Clone();
        var ys = (double[])y.Clone();
        for (int i = 0; i < x.Rows; i++)
        {
            double max = MatrixOperations.MaxAbs(x.Row(i));
            if (!(max > 0) || !double.IsFinite(max)) continue;
            int exponent = -Math.ILogB(max);
            var row = xs.Row(i);
            for (int j = 0; j < row.Length; j++) row[j] = Math.ScaleB(row[j], exponent);
            ys[i] = Math.ScaleB(ys[i], exponent);
        }
        return (xs, ys);
    }
}
