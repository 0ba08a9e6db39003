using System.Globalization;
using DlnLab.Experiments.Configuration;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// The presets' spec files (the repository's presets/ folder, embedded in this assembly) and what the quick
/// overrides change in them.
/// </summary>
public static class PresetSpecs
{
    /// <summary>The folder of the spec files, in the repository and in the resource names.</summary>
    public const string Folder = "presets";

    /// <summary>The spec text of <paramref name="sweep"/>: its own, or its file's as the repository holds it.</summary>
    public static string Text(PresetSweep sweep) => sweep.Toml ?? Text(sweep.SpecFile);

    /// <summary>The text of <paramref name="specFile"/> as the repository holds it.</summary>
    public static string Text(string specFile)
    {
        using var stream = typeof(PresetSpecs).Assembly.GetManifestResourceStream($"{Folder}/{specFile}")
            ?? throw new ArgumentException($"no preset spec {Folder}/{specFile} is embedded", nameof(specFile));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The spec of <paramref name="sweep"/> at <paramref name="size"/>, with <paramref name="userOverrides"/> (KEY=VALUE) applied last.</summary>
    public static SweepSpec Resolve(PresetSweep sweep, PresetSize size, IEnumerable<string> userOverrides) =>
        SweepSpecToml.Parse(Text(sweep), $"{Folder}/{sweep.SpecFile}",
            [.. size == PresetSize.Quick ? sweep.QuickOverrides : [], .. userOverrides]);

    /// <summary>Each quick override as "key = quick value (--full: its value)", read from the spec file (whose values
    /// are the paper's where the paper gives them; the preset's PaperSetting says where they are the preset's own).</summary>
    public static IReadOnlyList<string> QuickDifferences(PresetSweep sweep)
    {
        var full = ConfigDocument.Parse(Text(sweep), $"{Folder}/{sweep.SpecFile}", SweepSpecToml.Schema);
        var quick = ConfigDocument.Parse(Text(sweep), $"{Folder}/{sweep.SpecFile}", SweepSpecToml.Schema).Override(sweep.QuickOverrides);
        return sweep.QuickOverrides
            .Select(o => o[..o.IndexOf('=', StringComparison.Ordinal)].Trim())
            .Distinct()
            .Select(key => string.Create(CultureInfo.InvariantCulture,
                $"{key} = {quick.OptionText(key) ?? "default"} (--full: {full.OptionText(key) ?? "default"})"))
            .ToList();
    }
}
