namespace DlnLab.Experiments.Presets;

/// <summary>
/// A related paper's setting rerun in this lab (`dln reproduce NAME`): the sweeps it needs, as spec files in the
/// repository, and the figures and findings it draws from their stored runs.
/// </summary>
public interface IPreset
{
    /// <summary>The name on the command line, e.g. "woodworth2020".</summary>
    string Name { get; }

    /// <summary>The paper: authors, year and title.</summary>
    string Paper { get; }

    /// <summary>The setting the paper used, in a sentence or two.</summary>
    string PaperSetting { get; }

    /// <summary>The sweeps, in the order they run; empty when the preset computes its runs in <see cref="Draw"/>.</summary>
    IReadOnlyList<PresetSweep> Sweeps { get; }

    /// <summary>Where the quick default differs from the paper's size beyond the sweeps' quick overrides (a preset
    /// that trains in <see cref="Draw"/> says it here); none by default.</summary>
    IReadOnlyList<string> QuickDifferences => [];

    /// <summary>The figures and findings, from the runs the sweeps stored (after they ran).</summary>
    PresetPage Draw(PresetContext context);
}
