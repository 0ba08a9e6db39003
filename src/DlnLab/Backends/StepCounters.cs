namespace DlnLab.Backends;

/// <summary>
/// The per-step statistics a run reports: steps with some |gamma g_i| >= 1 (a factor 1 ∓ gamma g_i changed sign or
/// vanished) and the largest |gamma g_i| seen (NaN once a step's is NaN). The training loop owns them; a backend
/// records each step's max_i |gamma g_i| with <see cref="Record"/>.
/// </summary>
internal struct StepCounters
{
    /// <summary>Steps at which max_i |gamma g_i| >= 1.</summary>
    public long SingularSteps;

    /// <summary>max over steps of max_i |gamma g_i|; NaN once some step's was NaN.</summary>
    public double MaxStepGradient;

    /// <summary>Takes one step's max_i |gamma g_i| (NaN if any was NaN).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Record(double maxAbsStep)
    {
        if (maxAbsStep >= 1) SingularSteps++;
        if (maxAbsStep > MaxStepGradient || double.IsNaN(maxAbsStep)) MaxStepGradient = maxAbsStep;
    }
}
