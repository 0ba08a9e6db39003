namespace DlnLab.Theory;

/// <summary>
/// The saddles visited by gradient flow on beta = u ⊙ v from u0 = sqrt(2) alpha, v0 = 0 as alpha -> 0, in rescaled
/// time t~ = t / ln(1/alpha) (<see cref="SaddleToSaddle"/>): beta^0 = 0 at t~ = 0, then a jump onto each next saddle.
/// </summary>
/// <param name="Saddles">beta^0 = 0, beta^1, ..., the last being where the flow ends (for an interpolating problem, the
/// minimum-l1 interpolator).</param>
public sealed record SaddleSequence(IReadOnlyList<Saddle> Saddles)
{
    /// <summary>The last saddle's beta: the limit of the flow.</summary>
    public double[] Limit => Saddles[^1].Beta;

    /// <summary>The jump times t_1 &lt; t_2 &lt; ... (rescaled), one per saddle after the start.</summary>
    public IReadOnlyList<double> JumpTimes => Saddles.Skip(1).Select(s => s.Time).ToList();

    /// <summary>The saddle the limit flow rests on at rescaled time <paramref name="time"/> (the last with t_k &lt;= time).</summary>
    public Saddle At(double time)
    {
        var current = Saddles[0];
        foreach (var saddle in Saddles)
            if (saddle.Time <= time) current = saddle;
        return current;
    }
}
