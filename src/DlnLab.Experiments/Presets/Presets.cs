namespace DlnLab.Experiments.Presets;

/// <summary>The presets `dln reproduce NAME` runs, each a related paper's setting.</summary>
public static class Presets
{
    /// <summary>Every preset, in the order the help lists them.</summary>
    public static IReadOnlyList<IPreset> All { get; } =
    [
        new Woodworth2020(),
        new Azulay2021(),
        new Nacson2022(),
        new HaoChen2021(),
        new Pesme2023(),
    ];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static IPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The names, for help and error texts.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);
}
