using DlnLab.Experiments.Configuration;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Reads a <see cref="SweepSpec"/> from TOML, strictly: a syntax error, an unknown key, a wrong type, an empty grid
/// or a value out of range is an <see cref="InvalidInputException"/> whose message starts with "file:line:column: key".
/// Schema (all keys optional; lists are grid axes; see examples/sweep.toml):
/// <code>
/// name = "fig1"
/// [seeds]     seed, datasets | data_seeds, repeats
/// [problem]   n, d, s, noise (number or list); nonzeros, scale, support, n_test
/// [training]  alpha (number or list), model, u0, v0 or shape (lists), batch_size (integer, "n" or list), batch_mode, tolerance, max_steps,
///             divergence_factor, bounce_factor, loss_check_interval
/// [stepsize]  exactly one of: values = [...] | linear = {start, stop, count} | log = {start, stop, count} | relative = [...]
/// [threshold] low, high, precision   (bisection for the largest convergent stepsize, used by relative)
/// </code>
/// Overrides ("training.alpha=0.05", see <see cref="ConfigDocument.Override"/>) change the file's document before
/// the spec is built, so every key of the schema can be overridden and is checked as in the file.
/// </summary>
public static class SweepSpecToml
{
    /// <summary>The schema of a sweep spec (every key, and which exclude each other).</summary>
    public static ConfigSchema Schema => SpecBuilder.Schema;

    /// <summary>Reads and checks the spec file at <paramref name="path"/>, with <paramref name="overrides"/> ("KEY=VALUE") applied.</summary>
    public static SweepSpec Load(string path, params IEnumerable<string> overrides) =>
        Build(ConfigDocument.Load(path, SpecBuilder.Schema, "spec"), overrides, path);

    /// <summary>Parses TOML text; <paramref name="sourceName"/> is the file name shown in errors.</summary>
    public static SweepSpec Parse(string toml, string sourceName = "spec.toml", params IEnumerable<string> overrides) =>
        Build(ConfigDocument.Parse(toml, sourceName, SpecBuilder.Schema), overrides, sourceName);

    /// <summary>The spec of a document (a file's, or an empty one) after <paramref name="overrides"/>.</summary>
    public static SweepSpec Build(ConfigDocument document, IEnumerable<string> overrides, string? sourceName = null)
    {
        document.Override(overrides);
        return new SpecBuilder(document.Values, field => sourceName is null ? $"{field} (default)" : $"{sourceName}: {field} (default)").Build();
    }
}
