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

    /// <summary>The uv and power:D models, any sizes.</summary>
    public bool Supports(StepShape shape) => shape.Model.Kind is ModelKind.Uv or ModelKind.Power;

    /// <inheritdoc />
    IStepper IStepBackend.Create(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, int renormalizeEvery)
    {
        if (model is PowerModel power) return new PowerSimdStepper(power, design, sampler, schedule);
        if (model is not UvModel uv) throw new ArgumentException($"the simd backend runs the uv and power:D models, not {model.Spec}", nameof(model));
        if (renormalizeEvery != Trainer.RenormalizeEvery)
            throw new ArgumentException($"the b = 1 kernel renormalises every {Trainer.RenormalizeEvery} steps; got {renormalizeEvery}", nameof(renormalizeEvery));
        return new SimdStepper(uv, design, sampler, schedule);
    }
}
