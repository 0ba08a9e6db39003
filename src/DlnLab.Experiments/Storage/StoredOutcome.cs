namespace DlnLab.Experiments.Storage;

/// <summary>What a stored run ended with (<see cref="ResultStore.Outcomes"/>), without its numbers and arrays.</summary>
/// <param name="Key">The run's key.</param>
/// <param name="Status">Its stored status (a <see cref="Training.RunStatus"/> name, or <see cref="ResultStore.NoConvergentStepsize"/>).</param>
/// <param name="Theorem22Residual">Its Theorem 2.2 residual, where one was computed.</param>
public sealed record StoredOutcome(string Key, string Status, double? Theorem22Residual);
