namespace DlnLab.Experiments.Storage;

/// <summary>A configuration's largest convergent stepsize, as found by bisection, and the bracket it came from.</summary>
public sealed record StoredThreshold(
    string Key, string DatasetKey, double Alpha, int BatchSize, ulong BatchSeed,
    double Low, double High, double Precision,
    double Stepsize, bool Found, bool HitCap, int Evaluations, double SmallestFailure);
