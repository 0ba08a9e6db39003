namespace DlnLab.Backends;

/// <summary>The one place that chooses a backend: the first in preference order that supports a run's shape.</summary>
public static class StepBackends
{
    /// <summary>The backends in preference order: the fast ones first, the reference (which supports everything) last.</summary>
    public static IReadOnlyList<IStepBackend> All { get; } = [SimdBackend.Instance, ReferenceBackend.Instance];

    /// <summary>The preferred backend for <paramref name="shape"/>.</summary>
    public static IStepBackend For(StepShape shape)
    {
        foreach (var backend in All)
            if (backend.Supports(shape)) return backend;
        throw new InvalidOperationException($"no backend runs {shape.Model} at n = {shape.N}, d = {shape.D}, b = {shape.BatchSize}");
    }
}
