using System.Globalization;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// What `--dry-run` prints for a sweep: its resolved spec as TOML, then how many runs it means and how many threshold
/// bisections (one per configuration and dataset of a relative-stepsize sweep, shared by the runs at its fractions).
/// </summary>
public static class DryRun
{
    /// <summary>The threshold bisections that <paramref name="runs"/> need.</summary>
    public static int Bisections(IEnumerable<RunSpec> runs) => ThresholdKeys(runs).Count;

    /// <summary>The keys of the thresholds that <paramref name="runs"/> need, one per bisection (the relative runs' <see cref="RunSpec.ThresholdKey"/>s).</summary>
    internal static HashSet<string> ThresholdKeys(IEnumerable<RunSpec> runs) =>
        runs.Where(r => r.StepsizeFraction is not null).Select(r => r.ThresholdKey).ToHashSet(StringComparer.Ordinal);

    /// <summary>Writes the spec and its counts; <paramref name="runs"/> are the runs this call would compute (a shard's, or all).</summary>
    public static void Write(TextWriter output, SweepSpec spec, IReadOnlyList<RunSpec> runs, string? of = null)
    {
        output.Write(SweepSpecTomlWriter.Write(spec));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# dry run: sweep '{spec.Name}'{(of is null ? "" : " " + of)} means {runs.Count} runs and {Bisections(runs)} bisections; nothing was run or written"));
    }
}
