namespace DlnLab.Experiments.Storage;

/// <summary>A sweep spec registered in a store: its JSON, hash and the software version that ran it.</summary>
public sealed record StoredSweep(string Name, string SpecHash, string SpecJson, string SoftwareVersion, string CreatedUtc);
