namespace DlnLab.Experiments.Reproduction;

/// <summary>On how many of the datasets (or runs) measured a claim holds: the count a finding's verdict rests on.</summary>
/// <param name="Holds">Datasets or runs on which the claim holds.</param>
/// <param name="Of">Datasets or runs on which it could be measured.</param>
public readonly record struct Tally(int Holds, int Of)
{
    /// <summary>Measured at least once, and true every time.</summary>
    public bool All => Of > 0 && Holds == Of;

    /// <summary>True on more than half of those measured.</summary>
    public bool Majority => Of > 0 && 2 * Holds > Of;

    /// <summary>Counts the values that are true among those that are not null (null: not measurable there).</summary>
    public static Tally Count(IEnumerable<bool?> values)
    {
        int holds = 0, of = 0;
        foreach (bool? v in values)
        {
            if (v is not bool b) continue;
            of++;
            if (b) holds++;
        }
        return new Tally(holds, of);
    }

    /// <summary>"k of N".</summary>
    public override string ToString() => $"{Holds} of {Of}";

    /// <summary>
    /// How the count stands against a claim of the report: "as the report states" when it holds on all, "contrary to the
    /// report" when on at most half, otherwise how many contradict it; "not measured" when nothing was.
    /// </summary>
    public string Against(string claim = "the report's claim") =>
        Of == 0 ? "not measured"
        : All ? $"{claim} holds"
        : Majority ? $"{claim} fails on {Of - Holds} of {Of}"
        : $"the data contradict {claim}";
}
