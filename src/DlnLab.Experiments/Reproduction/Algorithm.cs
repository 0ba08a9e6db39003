using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Reproduction;

/// <summary>A batch size as a named curve of the figures: GD (b = n), SGD (b = 1) or mini-batch SGD; one colour throughout.</summary>
internal sealed record Algorithm(string Name, int BatchSize, int PaletteIndex)
{
    public static Algorithm Gd(int n) => new("GD", n, 0);
    public static Algorithm Sgd => new("SGD (b = 1)", 1, 1);

    public static Algorithm ForBatchSize(int b, int n, int index) =>
        b == n ? new($"GD (b = {b})", b, index) : new($"b = {b}", b, index);

    public IEnumerable<StoredRun> Of(IEnumerable<StoredRun> runs) => runs.Where(r => r.BatchSize == BatchSize);
}
