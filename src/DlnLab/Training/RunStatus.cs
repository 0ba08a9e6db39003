namespace DlnLab.Training;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>The training loss reached the tolerance.</summary>
    Converged,
    /// <summary>The step budget ran out first.</summary>
    BudgetExhausted,
    /// <summary>The loss became non-finite or exceeded the divergence factor times the initial loss.</summary>
    Diverged,
}
