namespace DlnLab.Experiments.Figures;

/// <summary>A shaded band across the full height between two x values, e.g. one support coordinate of beta*.</summary>
/// <param name="From">Left edge in data units.</param>
/// <param name="To">Right edge in data units.</param>
/// <param name="Label">Legend text; ranges sharing a label get one legend entry. Null: no legend entry.</param>
public sealed record ShadedXRange(double From, double To, string? Label = null);
