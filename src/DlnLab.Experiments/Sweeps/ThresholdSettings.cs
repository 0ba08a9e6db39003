namespace DlnLab.Experiments.Sweeps;

/// <summary>Bracket and precision of the bisection for the largest convergent stepsize.</summary>
public sealed record ThresholdSettings
{
    /// <summary>Smallest stepsize tried (default 1e-4): if halving down from the cap reaches it without a convergent run, there is no threshold.</summary>
    public double Low { get; init; } = 1e-4;
    /// <summary>Cap (default 10): if this stepsize converges it is reported, flagged as the cap.</summary>
    public double High { get; init; } = 10;
    /// <summary>Stop when high / low &lt;= 1 + precision (default 1e-3: about 10 bisection runs after the halving scan).</summary>
    public double Precision { get; init; } = 1e-3;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad field.</summary>
    public void Validate()
    {
        Check.Positive("threshold.low", Low);
        Check.Positive("threshold.high", High);
        if (!(High > Low)) throw new InvalidInputException("threshold.high", High, $"must be greater than threshold.low = {Low.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        if (!(Precision > 0 && Precision < 1)) throw new InvalidInputException("threshold.precision", Precision, "must be in (0, 1)");
    }
}
