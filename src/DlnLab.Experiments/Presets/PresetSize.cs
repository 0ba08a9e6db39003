namespace DlnLab.Experiments.Presets;

/// <summary>How large a preset's run is: its quick default, or the paper's own size (`--full`).</summary>
public enum PresetSize
{
    /// <summary>The paper's setting made smaller by the preset's quick overrides, to finish in about a minute.</summary>
    Quick,

    /// <summary>The paper's setting, as its spec file states it.</summary>
    Full,
}
