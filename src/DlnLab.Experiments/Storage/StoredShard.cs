namespace DlnLab.Experiments.Storage;

/// <summary>A shard computed into a store: shard <paramref name="Index"/> of <paramref name="Count"/> of the spec with this hash.</summary>
public sealed record StoredShard(string SpecHash, int Index, int Count);
