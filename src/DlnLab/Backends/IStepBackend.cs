using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// A way of running (S)GD steps: the textbook <see cref="ReferenceBackend"/>, the vectorised <see cref="SimdBackend"/>,
/// and any other (a GPU, say) that can hold a run's state and step it. <see cref="StepBackends.For"/> picks the first
/// that supports a run's shape.
/// </summary>
public interface IStepBackend
{
    /// <summary>A short name (reference, simd, ...).</summary>
    string Name { get; }

    /// <summary>Doubles per vector operation the backend steps with (1 for scalar code).</summary>
    int VectorWidth { get; }

    /// <summary>Whether the backend can run this model at these sizes.</summary>
    bool Supports(StepShape shape);

    /// <summary>
    /// A run of <paramref name="model"/> on the padded design, batches from <paramref name="sampler"/>, stepsizes from
    /// <paramref name="schedule"/>, renormalising every <paramref name="renormalizeEvery"/> steps where its state needs it;
    /// with <paramref name="labelNoise"/>, each step's labels carry that noise (drawn in batch order, one per label);
    /// with <paramref name="momentum"/> M > 0, heavy-ball steps (<see cref="HeavyBall"/>).
    /// </summary>
    internal IStepper Create(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, int renormalizeEvery,
        LabelNoise? labelNoise, double momentum);
}
