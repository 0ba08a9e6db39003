using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Theory;

namespace DlnLab.Analysis;

/// <summary>
/// The gradient-flow interpolator of a model (<see cref="ModelSpec"/>): for <c>uv</c> argmin psi_alpha (Theorem 2.1),
/// or from a general start (u0, v0) argmin D_{psi_A}(beta, u0 ⊙ v0) with A = |u0^2 - v0^2| / 2; for <c>power:D</c>
/// Woodworth et al.'s argmin Q_D. The model is mapped to a mirror map here, so that Theory knows only the depth.
/// </summary>
public static class ModelInterpolators
{
    /// <summary>
    /// The mirror map of the model's gradient flow. <paramref name="alpha"/> (length d, entries > 0) is the scale; for
    /// <c>uv</c>, giving <paramref name="u0"/> or <paramref name="v0"/> starts from (u0, v0) instead, the other one taking
    /// its default (u0 = sqrt(2) alpha, v0 = 0). <c>power:D</c> starts from w±0 = alpha and takes neither.
    /// </summary>
    public static IMirrorMap GradientFlowMap(ModelSpec model, double[] alpha, double[]? u0 = null, double[]? v0 = null)
    {
        if (model.Kind == ModelKind.Power)
        {
            if (u0 is not null || v0 is not null) throw new ArgumentException($"{model} starts from w+ = w- = alpha; u0 and v0 apply to the uv model only");
            return DepthMirrorMap.For(model.Depth, alpha);
        }
        if (u0 is null && v0 is null) return HyperbolicEntropyMap.ForScale(alpha);
        return HyperbolicEntropyMap.ForStart(u0 ?? alpha.Select(a => Math.Sqrt(2) * a).ToArray(), v0 ?? new double[alpha.Length]);
    }

    /// <summary>Solves for the model's gradient-flow interpolator; false (with the best iterate) when the solver does not converge.</summary>
    public static bool TryGradientFlow(Matrix x, double[] y, ModelSpec model, double[] alpha, double[]? u0, double[]? v0,
        out InterpolatorSolution solution, DualNewtonOptions? options = null) =>
        DualNewtonSolver.TrySolve(x, y, GradientFlowMap(model, alpha, u0, v0), out solution, options);
}
