namespace DlnLab.Experiments.Presets;

/// <summary>
/// One sweep of a preset: a spec file in the repository's presets/ folder (the paper's size) and the overrides that
/// make it the quick default.
/// </summary>
/// <param name="SpecFile">File name under presets/, e.g. "woodworth2020.toml"; embedded in this assembly.</param>
/// <param name="QuickOverrides">KEY=VALUE overrides, as `dln sweep spec.toml KEY=VALUE` takes them, applied for
/// <see cref="PresetSize.Quick"/>; the report's "where the quick default differs" is read from them.</param>
public sealed record PresetSweep(string SpecFile, IReadOnlyList<string> QuickOverrides)
{
    /// <summary>The spec's TOML text itself, for a preset defined outside this assembly (a script, a test); null (the
    /// default) reads <see cref="SpecFile"/> from the embedded presets/ folder.</summary>
    public string? Toml { get; init; }
}
