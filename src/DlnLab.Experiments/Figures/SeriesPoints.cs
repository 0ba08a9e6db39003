namespace DlnLab.Experiments.Figures;

/// <summary>The drawable points of one series: data values with their plot coordinates, and counts of what was left out.</summary>
internal sealed class SeriesPoints
{
    /// <summary>One drawn point; Plot* are axis coordinates (log10 on log axes). Lower/Upper are null without a band.</summary>
    internal readonly record struct Point(double X, double Y, double? Lower, double? Upper,
        double PlotX, double PlotY, double PlotLower, double PlotUpper)
    {
        public bool HasBand => Lower.HasValue;
    }

    public List<Point> Points { get; } = [];
    public int DroppedPoints { get; private set; }
    public int DroppedBandValues { get; private set; }
    public int Count => Points.Count;

    /// <summary>Maps a series onto the axes. Throws only for malformed specs (mismatched lengths), never for values.</summary>
    public static SeriesPoints Map(SeriesSpec series, AxisScale xScale, AxisScale yScale)
    {
        Validate(series);
        var result = new SeriesPoints();
        bool banded = series.Lower is not null;
        for (int i = 0; i < series.Xs.Count; i++)
        {
            if (!xScale.TryMap(series.Xs[i], out double px) || !yScale.TryMap(series.Ys[i], out double py))
            {
                result.DroppedPoints++;
                continue;
            }
            double? lower = null, upper = null;
            double pl = double.NaN, pu = double.NaN;
            if (banded)
            {
                double lo = series.Lower![i], hi = series.Upper![i];
                if (yScale.TryMap(lo, out pl) && yScale.TryMap(hi, out pu)) { lower = lo; upper = hi; }
                else { result.DroppedBandValues++; pl = pu = double.NaN; }
            }
            result.Points.Add(new Point(series.Xs[i], series.Ys[i], lower, upper, px, py, pl, pu));
        }
        return result;
    }

    private static void Validate(SeriesSpec series)
    {
        ArgumentNullException.ThrowIfNull(series.Xs, nameof(series.Xs));
        ArgumentNullException.ThrowIfNull(series.Ys, nameof(series.Ys));
        if (series.Xs.Count != series.Ys.Count)
            throw new ArgumentException($"series '{series.Name}': Xs has {series.Xs.Count} values but Ys has {series.Ys.Count}; they must be equal", nameof(series));
        if ((series.Lower is null) != (series.Upper is null))
            throw new ArgumentException($"series '{series.Name}': Lower and Upper must be set together", nameof(series));
        if (series.Lower is not null && (series.Lower.Count != series.Xs.Count || series.Upper!.Count != series.Xs.Count))
            throw new ArgumentException($"series '{series.Name}': Lower and Upper must have {series.Xs.Count} values like Xs", nameof(series));
    }
}
