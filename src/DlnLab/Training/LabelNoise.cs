using DlnLab.Randomness;

namespace DlnLab.Training;

/// <summary>
/// The label noise of label-noise SGD (HaoChen et al. 2021; Pesme, Pillaud-Vivien, Flammarion 2021): at every step,
/// each label of the batch is replaced by y_j + delta xi_{k,j} with fresh xi ~ N(0, 1), drawn in batch order from a
/// stream of its own, seeded from the run's seed under the label "label-noise". The batch stream is untouched, so a
/// run with label noise sees the same batches as the same run without it.
/// </summary>
internal sealed class LabelNoise
{
    private static readonly ulong StreamLabel = SplitMix64.Label("label-noise");
    private Xoshiro256 _rng;

    /// <summary>Noise of standard deviation <paramref name="delta"/> (> 0) for the run seeded with <paramref name="seed"/>.</summary>
    public LabelNoise(double delta, ulong seed)
    {
        if (!(delta > 0 && double.IsFinite(delta))) throw new ArgumentOutOfRangeException(nameof(delta), delta, "label noise must be a finite number > 0");
        Delta = delta;
        _rng = new Xoshiro256(SeedFor(seed));
    }

    /// <summary>The standard deviation delta of the noise added to each label.</summary>
    public double Delta { get; }

    /// <summary>The seed of the noise stream of a run with batch seed <paramref name="seed"/>.</summary>
    public static ulong SeedFor(ulong seed) => SplitMix64.Derive(seed, StreamLabel);

    /// <summary>The noise delta xi added to the next label of the batch (the next draw of the stream).</summary>
    public double Next() => Delta * _rng.NextGaussian();

    /// <summary>The stream for a run's options, or null when they ask for none (label noise 0: plain SGD).</summary>
    public static LabelNoise? For(TrainingOptions options) => options.LabelNoise > 0 ? new LabelNoise(options.LabelNoise, options.Seed) : null;
}
