namespace DlnLab.Cli.Output;

/// <summary>Wall time of the training itself (data generation excluded) and the resulting throughput.</summary>
internal sealed record RunTiming(double WallSeconds, long Steps)
{
    public double StepsPerSecond => WallSeconds > 0 ? Steps / WallSeconds : double.PositiveInfinity;
}
