namespace DlnLab.Training;

/// <summary>How mini-batches are drawn.</summary>
public enum BatchMode
{
    /// <summary>Each step a uniformly random subset of size b, drawn independently of all other steps (the report's setting).</summary>
    Uniform,
    /// <summary>Shuffle-and-sweep: each epoch a fresh random permutation cut into consecutive batches of size b; a remainder smaller than b is dropped.</summary>
    Epoch,
}
