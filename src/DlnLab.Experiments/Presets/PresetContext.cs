using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Presets;

/// <summary>What a preset draws from: its resolved sweeps, their stored runs, and the run's size and resources.</summary>
public sealed class PresetContext
{
    private readonly IReadOnlyDictionary<string, SweepSpec> specs;
    private readonly ResultStore store;

    internal PresetContext(PresetSize size, int threads, IReadOnlyDictionary<string, SweepSpec> specs, ResultStore store, CancellationToken cancellation)
    {
        Size = size;
        Threads = threads;
        this.specs = specs;
        this.store = store;
        Cancellation = cancellation;
    }

    /// <summary>The quick default or the paper's size.</summary>
    public PresetSize Size { get; }

    /// <summary>Runs a preset that trains in <see cref="IPreset.Draw"/> may train at once.</summary>
    public int Threads { get; }

    /// <summary>Cancelled when the user interrupts (Ctrl-C).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The spec of the sweep in <paramref name="specFile"/>, with the quick and the user's overrides applied.</summary>
    public SweepSpec Spec(string specFile) => specs.TryGetValue(specFile, out var spec)
        ? spec
        : throw new ArgumentException($"the preset has no sweep {specFile}", nameof(specFile));

    /// <summary>The stored runs of that sweep (only those its resolved spec means), in store order.</summary>
    public IReadOnlyList<StoredRun> Runs(string specFile) => RunsOf(store, Spec(specFile));

    /// <summary>The gradient-flow references stored for that sweep's datasets.</summary>
    public IReadOnlyList<StoredReference> References(string specFile)
    {
        var datasets = Runs(specFile).Select(r => r.DatasetKey).ToHashSet(StringComparer.Ordinal);
        return store.References().Where(r => datasets.Contains(r.DatasetKey)).ToList();
    }

    internal static List<StoredRun> RunsOf(ResultStore store, SweepSpec sweep)
    {
        var keys = sweep.Expand().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return store.Runs(sweep.Name).Where(r => keys.Contains(r.Key)).ToList();
    }
}
