namespace DlnLab.Models;

/// <summary>
/// beta = w+^D - w-^D from w±0 = alpha, D >= 2 (Woodworth et al. 2020). GD step on the loss L(beta):
/// w+' = w+ - gamma D w+^(D-1) ⊙ g, w-' = w- + gamma D w-^(D-1) ⊙ g (not multiplicative for D > 2).
/// </summary>
/// <remarks>
/// What a run of this model reports honestly: beta, the losses and the stop/step statistics. The gain, alpha_inf,
/// alpha_± and beta0~ belong to the multiplicative update of <see cref="UvModel"/> and do not apply here; a run leaves
/// them absent. For D = 2 the model is the uv model on the same objective in w: beta_power = 2 beta_uv at equal w±, and
/// at equal beta-space gradients one power:2 step is a rotated uv step with the stepsize doubled.
/// </remarks>
public sealed class PowerModel : Model
{
    private readonly double[] _alpha;

    internal PowerModel(ModelSpec spec, double[] alpha) : base(spec, alpha.Length)
    {
        if (spec.Kind != ModelKind.Power) throw new ArgumentException($"not a power model: {spec}", nameof(spec));
        _alpha = alpha;
        Depth = spec.Depth;
    }

    /// <summary>The depth D.</summary>
    public int Depth { get; }

    /// <inheritdoc />
    public override (double[] First, double[] Second) Start() => ((double[])_alpha.Clone(), (double[])_alpha.Clone());

    /// <inheritdoc />
    public override double Beta(double wPlus, double wMinus) => Power(wPlus, Depth) - Power(wMinus, Depth);

    /// <inheritdoc />
    public override (double First, double Second) Step(double wPlus, double wMinus, double gamma, double g)
    {
        double scale = gamma * Depth * g;
        return (wPlus - scale * Power(wPlus, Depth - 1), wMinus + scale * Power(wMinus, Depth - 1));
    }

    /// <summary>x^e by repeated multiplication (e >= 0), so x^2 is x * x exactly as the uv form computes it.</summary>
    internal static double Power(double x, int e)
    {
        double r = 1;
        for (int i = 0; i < e; i++) r *= x;
        return r;
    }
}
