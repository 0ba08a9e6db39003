using System.Runtime.Intrinsics;
using DlnLab.Models;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// The vectorised kernels (<see cref="Kernels"/>, register-blocked gradient sums) on the uv model's exact rotated
/// state (<see cref="NetworkState"/>), for any initialisation and any n, d, b: a fused loop for b = 1, gradient sums
/// for 1 &lt; b &lt;= n. Same bits as the kernels' documented summation order. The power:D model runs on the same
/// gradient sums with its own vectorised step (<see cref="PowerSimdStepper"/>).
/// </summary>
public sealed class SimdBackend : IStepBackend
{
    /// <summary>The one instance.</summary>
    public static SimdBackend Instance { get; } = new();

    private SimdBackend()
    {
    }

    /// <inheritdoc />
    public string Name => "simd";

    /// <inheritdoc />
    public int VectorWidth => Vector512<double>.Count;

    /// <summary>
    /// The uv and power:D models, any sizes, without momentum (heavy-ball steps are not multiplicative, so the rotated
    /// state cannot hold them: momentum runs go to the Reference). Label noise for uv on the gradient-sum paths (b > 1,
    /// or b = n) only: the fused b = 1 kernels take the clean labels; such runs, and power:D with label noise, go to the
    /// Reference.
    /// </summary>
    public bool Supports(StepShape shape) => !shape.Momentum && shape.Model.Kind switch
    {
        ModelKind.Uv => !shape.LabelNoise || shape.BatchSize > 1 || shape.IsFullBatch,
        ModelKind.Power => !shape.LabelNoise,
        _ => false,
    };

    /// <inheritdoc />
    IStepper IStepBackend.Create(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, int renormalizeEvery,
        LabelNoise? labelNoise, double momentum)
    {
        var shape = new StepShape(model.Spec, design.N, design.D, sampler.BatchSize) { LabelNoise = labelNoise is not null, Momentum = momentum != 0 };
        if (!Supports(shape))
            throw new ArgumentException($"the simd backend does not run {model.Spec} at b = {shape.BatchSize} with label noise {shape.LabelNoise}, momentum {shape.Momentum}", nameof(model));
        if (model is PowerModel power) return new PowerSimdStepper(power, design, sampler, schedule);
        var uv = (UvModel)model;
        if (renormalizeEvery != Trainer.RenormalizeEvery)
            throw new ArgumentException($"the b = 1 kernel renormalises every {Trainer.RenormalizeEvery} steps; got {renormalizeEvery}", nameof(renormalizeEvery));
        return new SimdStepper(uv, design, sampler, schedule, labelNoise);
    }
}
