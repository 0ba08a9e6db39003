namespace DlnLab.Training;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>The training loss reached the tolerance.</summary>
    Converged,
    /// <summary>The step budget ran out first, the loss still falling or flat (see <see cref="Oscillating"/>).</summary>
    BudgetExhausted,
    /// <summary>The loss became non-finite or exceeded the divergence factor times the initial loss.</summary>
    Diverged,
    /// <summary>
    /// The step budget ran out with the loss neither converging nor diverging but bouncing: in the last quarter of the
    /// budget it rose above its running minimum at least <see cref="LossMonitor.OscillationRises"/> times, and its running
    /// minimum fell by less than a factor <see cref="LossMonitor.OscillationProgress"/> from the first such rise to the end
    /// (docs/THEORY.md, "Oscillating runs").
    /// </summary>
    Oscillating,
}
