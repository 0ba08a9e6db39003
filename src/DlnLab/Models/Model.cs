namespace DlnLab.Models;

/// <summary>
/// A parametrisation of beta with its initialisation, resolved for one dimension d: the textbook parameters (a pair
/// per coordinate: (u, v) for <c>uv</c>, (w+, w-) for <c>power:D</c>), beta as a function of them, and one (S)GD step
/// of a coordinate given the beta-space gradient g. The Reference backend runs exactly these definitions; faster
/// backends run equivalent forms (the rotated form of <see cref="UvModel"/>) and are tested against them.
/// </summary>
public abstract class Model
{
    private protected Model(ModelSpec spec, int d)
    {
        Spec = spec;
        D = d;
    }

    /// <summary>Which parametrisation this is.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The number of coordinates d.</summary>
    public int D { get; }

    /// <summary>The textbook parameters at step 0, one pair per coordinate (arrays of length d, new).</summary>
    public abstract (double[] First, double[] Second) Start();

    /// <summary>beta_i from the textbook pair of coordinate i.</summary>
    public abstract double Beta(double first, double second);

    /// <summary>One (S)GD step of one coordinate: the pair after stepsize gamma with beta-space gradient g_i.</summary>
    public abstract (double First, double Second) Step(double first, double second, double gamma, double g);

    /// <summary>
    /// The model of <paramref name="spec"/> for d coordinates: <c>uv</c> from (u0, v0) (null: the report's u0 =
    /// sqrt(2) alpha, v0 = 0), <c>power:D</c> from w±0 = alpha (u0, v0 must then be null).
    /// </summary>
    public static Model Create(ModelSpec spec, ReadOnlySpan<double> alpha, ScaleOrVector? u0, ScaleOrVector? v0) =>
        spec.Kind switch
        {
            ModelKind.Uv => u0 is null && v0 is null ? UvModel.ReportStart(alpha)
                : UvModel.FromUv(u0?.For(alpha.Length) ?? Sqrt2Times(alpha), v0?.For(alpha.Length) ?? new double[alpha.Length]),
            ModelKind.Power when u0 is null && v0 is null => new PowerModel(spec, alpha.ToArray()),
            _ => throw new ArgumentException($"{spec} starts from w+ = w- = alpha; u0 and v0 apply to uv only"),
        };

    private static double[] Sqrt2Times(ReadOnlySpan<double> alpha)
    {
        var u = new double[alpha.Length];
        for (int i = 0; i < u.Length; i++) u[i] = Math.Sqrt(2) * alpha[i];
        return u;
    }
}
