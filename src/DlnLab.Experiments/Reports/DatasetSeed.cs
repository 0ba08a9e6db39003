namespace DlnLab.Experiments.Reports;

/// <summary>One dataset behind a report: the sweep it belongs to, its seed, and how many of the report's runs used it.</summary>
public sealed record DatasetSeed(string Sweep, ulong Seed, int Runs);
