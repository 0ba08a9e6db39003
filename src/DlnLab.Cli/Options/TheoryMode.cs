namespace DlnLab.Cli.Options;

/// <summary>When `dln train` runs the theory check after training (--theory).</summary>
internal enum TheoryMode
{
    /// <summary>Only where it is quick (<see cref="Analysis.TheoryCheck.IsQuick"/>); skipped, and said so, above.</summary>
    Auto,
    /// <summary>Always, whatever its cost.</summary>
    Full,
    /// <summary>Never.</summary>
    None,
}
