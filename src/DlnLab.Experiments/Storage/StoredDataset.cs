namespace DlnLab.Experiments.Storage;

/// <summary>A generated dataset of a sweep: its problem coordinates, data seed and planted beta*.</summary>
public sealed record StoredDataset(
    string Key, int N, int D, int S, double Noise, string Nonzeros, double NonzeroScale, string Support, int NTest,
    ulong DataSeed, double[] BetaStar);

/// <summary>A named reference value of a dataset at one alpha (for example the gradient-flow interpolator's test loss).</summary>
public sealed record StoredReference(string DatasetKey, double Alpha, string Name, double Value);
