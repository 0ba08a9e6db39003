using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// The textbook iteration of every model, scalar and written as plainly as possible: g = 1/b sum_{j in B}
/// (&lt;beta, x_j&gt; - y_j) x_j, then <see cref="Model.Step"/> on each coordinate's pair ((u, v) or (w+, w-)), plus
/// M times the pair's last move with heavy-ball momentum, and labels made noisy for label-noise SGD. The
/// definition every other backend is tested against; slow, and exact only to the double range of its linear values.
/// </summary>
public sealed class ReferenceBackend : IStepBackend
{
    /// <summary>The one instance.</summary>
    public static ReferenceBackend Instance { get; } = new();

    private ReferenceBackend()
    {
    }

    /// <inheritdoc />
    public string Name => "reference";

    /// <inheritdoc />
    public int VectorWidth => 1;

    /// <summary>Every model at every size, with or without label noise and momentum.</summary>
    public bool Supports(StepShape shape) => true;

    /// <inheritdoc />
    IStepper IStepBackend.Create(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, int renormalizeEvery,
        LabelNoise? labelNoise, double momentum) =>
        new ReferenceStepper(model, design, sampler, schedule, labelNoise, momentum);
}
