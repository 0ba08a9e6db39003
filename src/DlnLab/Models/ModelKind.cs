namespace DlnLab.Models;

/// <summary>The parametrisations of beta the engine trains.</summary>
public enum ModelKind
{
    /// <summary>beta = u ⊙ v (the report's 2-layer diagonal linear network).</summary>
    Uv,
    /// <summary>beta = w+^D - w-^D with w±0 = alpha (Woodworth et al. 2020), depth D >= 2.</summary>
    Power,
}
