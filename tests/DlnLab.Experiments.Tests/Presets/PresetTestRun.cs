using DlnLab.Experiments.Presets;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>A preset's quick default run in a new folder with overrides on top, and what its tests measure from.</summary>
/// <param name="Result">What the run produced.</param>
/// <param name="Directory">The output folder.</param>
/// <param name="Spec">The resolved spec of the sweep asked for.</param>
/// <param name="Runs">That sweep's stored runs.</param>
/// <param name="Interpolators">Their datasets, with the minimum-l1 and minimum-l2 interpolators.</param>
internal sealed record PresetTestRun(PresetResult Result, string Directory, SweepSpec Spec, IReadOnlyList<StoredRun> Runs,
    IReadOnlyDictionary<string, DatasetInterpolators> Interpolators)
{
    /// <summary>Runs <paramref name="preset"/> at its quick size with <paramref name="overrides"/> on 2 threads.</summary>
    public static PresetTestRun Of(IPreset preset, IReadOnlyList<string> overrides, int sweep = 0)
    {
        string dir = TestSweeps.TempDir();
        var result = PresetRunner.Run(preset, PresetSize.Quick, dir, threads: 2, overrides: overrides);
        var spec = PresetRunner.Plan(preset, PresetSize.Quick, overrides)[sweep];
        using var store = ResultStore.Open(result.StorePath);
        var runs = PresetContext.RunsOf(store, spec);
        return new PresetTestRun(result, dir, spec, runs, DatasetInterpolators.For(runs, 2, default));
    }
}
