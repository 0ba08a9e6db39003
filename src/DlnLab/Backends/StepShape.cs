using DlnLab.Models;

namespace DlnLab.Backends;

/// <summary>What a backend is chosen by: the model and the sizes of one run (n samples, d features, batch size b).</summary>
/// <param name="Model">The parametrisation.</param>
/// <param name="N">Samples n.</param>
/// <param name="D">Features d.</param>
/// <param name="BatchSize">Batch size b in [1, n]; b = n is GD.</param>
public sealed record StepShape(ModelSpec Model, int N, int D, int BatchSize)
{
    /// <summary>Whether the run adds fresh noise to the batch's labels at every step (label-noise SGD).</summary>
    public bool LabelNoise { get; init; }

    /// <summary>Whether the run uses heavy-ball momentum.</summary>
    public bool Momentum { get; init; }

    /// <summary>b = n: every batch is the whole sample, in order.</summary>
    public bool IsFullBatch => BatchSize == N;
}
