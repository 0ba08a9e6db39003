namespace DlnLab.Training;

/// <summary>
/// Heavy-ball momentum on the textbook parameters theta ((u, v) or (w+, w-)): theta_{k+1} = theta_k - gamma_k
/// grad F(theta_k) + M (theta_k - theta_{k-1}), theta_{-1} = theta_0 (Polyak 1964). Papazov, Pesme and Flammarion
/// (2024) show that for small stepsizes its path is set by lambda = gamma / (1 - M)^2 alone.
/// </summary>
public static class HeavyBall
{
    /// <summary>What a momentum M must be.</summary>
    public const string MomentumAllowed = "must be a number in [0, 1) (0: no momentum)";

    /// <summary>The effective stepsize lambda = gamma / (1 - M)^2 of stepsize gamma with momentum M.</summary>
    public static double EffectiveStepsize(double gamma, double momentum) => gamma / ((1 - momentum) * (1 - momentum));
}
