using System.Globalization;
using DlnLab.Experiments;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Training;

namespace DlnLab.Cli.Output;

/// <summary>
/// The plain-text summary of a finished sweep, read back from the store so that it covers every run of the spec,
/// whether computed now or earlier: statuses, the worst Theorem 2.2 residual, thresholds, time and where it all is.
/// </summary>
internal static class SweepReport
{
    /// <summary>At most this many threshold lines; the rest are in thresholds.csv of `dln export`.</summary>
    private const int MaxThresholdLines = 20;

    /// <summary>Writes the summary of the sweep <paramref name="spec"/> to <paramref name="output"/>.</summary>
    /// <param name="output">Where the summary goes (the command's standard output).</param>
    /// <param name="spec">The sweep's spec.</param>
    /// <param name="runs">The runs of the sweep (of its shard, when <paramref name="shard"/> is given).</param>
    /// <param name="summary">What this invocation of the runner did.</param>
    /// <param name="store">The store the sweep ran into, read for the statuses, residuals and thresholds.</param>
    /// <param name="shard">The shard computed, or null for the whole sweep.</param>
    public static void Write(TextWriter output, SweepSpec spec, IReadOnlyList<RunSpec> runs, SweepSummary summary, ResultStore store, Shard? shard = null)
    {
        string of = shard is { } part ? $" shard {part}" : "";
        output.WriteLine(summary.Computed == 0 && summary.AlreadyStored == summary.Runs
            ? $"sweep '{spec.Name}'{of}: all {summary.Runs} runs already stored; nothing computed"
            : $"sweep '{spec.Name}'{of}: {summary.Runs} runs, {summary.Computed} computed now, {summary.AlreadyStored} already stored" +
              (summary.ComputedElsewhere > 0 ? $", {summary.ComputedElsewhere} computed meanwhile by other processes" : ""));

        var keys = summary.Keys.ToHashSet(StringComparer.Ordinal); // the runner made them once, for the same runs
        var stored = store.Outcomes(spec.Name).Where(r => keys.Contains(r.Key)).ToList();
        int Count(string status) => stored.Count(r => r.Status == status);
        // Every status word (Words), the relative axes' no_convergent_stepsize only where a sweep can have it.
        string status = "status: " + string.Join(", ", Words.Statuses
            .Where(s => spec.Stepsize.IsRelative || s.Stored != ResultStore.NoConvergentStepsize)
            .Select(s => $"{Count(s.Stored)} {s.Word}"));

        var residuals = stored.Where(r => r.Status == nameof(RunStatus.Converged) && r.Theorem22Residual is not null)
            .Select(r => r.Theorem22Residual!.Value).ToList();
        int converged = Count(nameof(RunStatus.Converged));
        output.WriteLine(residuals.Count == 0
            ? "consistency check (Theorem 2.2 identity): no converged run checked"
            : $"consistency check (Theorem 2.2 identity; measures closeness to interpolation): largest residual among converged runs {G(residuals.Max())} ({residuals.Count} of {converged} checked)");

        if (spec.Stepsize.IsRelative) WriteThresholds(output, runs, store, summary.ThresholdsComputed);
        output.WriteLine(status);
        output.WriteLine($"wall time: {G(summary.Elapsed.TotalSeconds)} s");
        output.WriteLine($"store: {store.Path}");
    }

    // The model and start of a configuration, when not uv from the report's start (whose lines stay as they were).
    private static string Start(RunSpec r) =>
        (r.Model == DlnLab.Models.ModelSpec.Uv ? "" : $" model={r.Model}")
        + (r.U0 is double u ? $" u0={G(u)}" : "") + (r.V0 is double v ? $" v0={G(v)}" : "");

    private static void WriteThresholds(TextWriter output, IReadOnlyList<RunSpec> runs, ResultStore store, int bisectedNow)
    {
        var known = store.Thresholds().ToDictionary(t => t.Key, StringComparer.Ordinal);
        var configurations = runs.GroupBy(r => r.ThresholdKey, StringComparer.Ordinal).Select(g => g.First()).ToList();
        output.WriteLine($"largest convergent stepsizes ({configurations.Count} configurations):");
        output.WriteLine($"  bisected now: {bisectedNow} of {configurations.Count} (the others were stored before)");
        foreach (var r in configurations.Take(MaxThresholdLines))
        {
            string value = !known.TryGetValue(r.ThresholdKey, out var t) ? "not computed"
                : !t.Found ? $"none in [{G(t.Low)}, {G(t.High)}]"
                : G(t.Stepsize) + (t.HitCap ? " (the cap)" : "");
            output.WriteLine($"  n={r.N} d={r.D} s={r.S} noise={G(r.Noise)} dataset={r.DataIndex} alpha={G(r.Alpha)}{Start(r)} " +
                $"b={r.BatchSize} repeat={r.Repeat}: {value}");
        }
        if (configurations.Count > MaxThresholdLines)
            output.WriteLine($"  ... and {configurations.Count - MaxThresholdLines} more (dln export writes them all to thresholds.csv)");
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
