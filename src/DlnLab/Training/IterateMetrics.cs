using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>Measures of an iterate beta against a problem: test loss, population loss, distance to beta*.</summary>
public sealed class IterateMetrics(RegressionProblem problem)
{
    /// <summary>1/(2 n_test) ||X_test beta - y_test||^2, or null without a test set.</summary>
    public double? TestLoss(ReadOnlySpan<double> beta)
    {
        if (problem.XTest is null || problem.YTest is null) return null;
        double sum = 0;
        var x = problem.XTest;
        if (IsZero(beta[..x.Cols]))
        {
            // beta = 0, the report's start: every dot product is +0 or -0 (X_test is finite), so each residual is exactly
            // -y_i and its square y_i^2: the same sum in the same order, without the n_test dot products.
            foreach (double y in problem.YTest) sum += y * y;
            return sum / (2.0 * x.Rows);
        }
        for (int i = 0; i < x.Rows; i++)
        {
            double r = System.Numerics.Tensors.TensorPrimitives.Dot(x.Row(i), beta[..x.Cols]) - problem.YTest[i];
            sum += r * r;
        }
        return sum / (2.0 * x.Rows);
    }

    private static bool IsZero(ReadOnlySpan<double> beta)
    {
        foreach (double b in beta)
            if (b != 0) return false;
        return true;
    }

    /// <summary>||beta - beta*||_2, or null when beta* is unknown.</summary>
    public double? DistanceToBetaStar(ReadOnlySpan<double> beta)
    {
        if (problem.BetaStar is null) return null;
        return System.Numerics.Tensors.TensorPrimitives.Distance(beta[..problem.BetaStar.Length], problem.BetaStar);
    }

    /// <summary>
    /// The exact population loss: 1/2 ||beta - beta*||^2 + sigma^2/2 for isotropic Gaussian inputs, 1/2 (beta - beta*)^T
    /// (Sigma + mu mu^T) (beta - beta*) + sigma^2/2 for the generator's other inputs; null when the input distribution or
    /// beta* is unknown.
    /// </summary>
    public double? PopulationLoss(ReadOnlySpan<double> beta)
    {
        if (problem.BetaStar is null) return null;
        if (problem.Inputs is { IsIsotropic: false } inputs) return inputs.PopulationLoss(beta, problem.BetaStar, problem.NoiseStd);
        if (!problem.IsIsotropicGaussian || DistanceToBetaStar(beta) is not double dist) return null;
        return 0.5 * dist * dist + 0.5 * problem.NoiseStd * problem.NoiseStd;
    }

    /// <summary>The checkpoint of a uv state at some step; with <paramref name="recordIterate"/>, renormalised (exactly) and read out in full.</summary>
    internal Checkpoint Checkpoint(long step, double trainLoss, NetworkState state, bool recordIterate = false)
    {
        var checkpoint = Checkpoint(step, trainLoss, state.Beta.AsSpan(0, state.D), state.GainL1());
        if (!recordIterate) return checkpoint;
        state.Renormalize();
        return WithIterate(checkpoint, state.Beta.AsSpan(0, state.D), state.EffectiveInitialization());
    }

    /// <summary>
    /// The checkpoint with its iterate: beta_k, and for a uv run (a read-out) the gain so far and the sharpness at
    /// (beta_k, alpha_inf,k) (<see cref="Theory.Stability.SharpnessAtIterate"/>).
    /// </summary>
    public Checkpoint WithIterate(Checkpoint checkpoint, ReadOnlySpan<double> beta, Theory.EffectiveInitialization? readOut) => checkpoint with
    {
        Beta = beta.ToArray(),
        Gain = readOut is null ? null : (double[])readOut.Gain.Clone(),
        Sharpness = readOut is null ? double.NaN : Theory.Stability.SharpnessAtIterate(problem.X, problem.Y, beta, readOut.LnAlphaInfSquared),
    };

    /// <summary>The checkpoint of any run at some step, from its beta (length d) and ||Gain||_1 (NaN where none applies).</summary>
    public Checkpoint Checkpoint(long step, double trainLoss, ReadOnlySpan<double> beta, double gainL1) =>
        new(step, trainLoss, TestLoss(beta), gainL1, DistanceToBetaStar(beta));
}
