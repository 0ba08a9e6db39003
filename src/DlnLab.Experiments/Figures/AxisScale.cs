namespace DlnLab.Experiments.Figures;

/// <summary>Maps data values to plot coordinates: identity, or log10 for log axes (ScottPlot 5 has no log axis; it
/// plots log10 values and labels the ticks as powers of ten).</summary>
internal readonly record struct AxisScale(bool Log)
{
    /// <summary>The plot coordinate of a value, or false when it cannot be drawn (NaN, infinite, or not positive on a
    /// log axis), so nothing non-finite ever reaches the renderer.</summary>
    public bool TryMap(double value, out double mapped)
    {
        mapped = Log ? Math.Log10(value) : value;
        return double.IsFinite(value) && (!Log || value > 0) && double.IsFinite(mapped);
    }

    /// <summary>Why a value could not be drawn on this axis, for warnings.</summary>
    public string Rule => Log ? "finite and > 0 (log axis)" : "finite";
}
