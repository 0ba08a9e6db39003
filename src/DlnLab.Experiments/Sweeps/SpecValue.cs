namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// A value read from a TOML file or a flag before it is typed: a long, a double, a string, a bool or a list of
/// values, with where it came from ("file:line:column: key" or "--flag") for error messages.
/// </summary>
internal sealed record SpecValue(object Value, string Text, string Where)
{
    public IReadOnlyList<SpecValue> Items => Value as IReadOnlyList<SpecValue> ?? [this];
    public bool IsList => Value is IReadOnlyList<SpecValue>;
}
