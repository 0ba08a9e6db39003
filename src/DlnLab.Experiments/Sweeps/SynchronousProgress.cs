namespace DlnLab.Experiments.Sweeps;

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread, at once and in order (unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool when there is no synchronisation context).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
