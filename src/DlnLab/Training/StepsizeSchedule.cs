using System.Globalization;

namespace DlnLab.Training;

/// <summary>
/// The stepsizes gamma_k, k = 0, 1, ...: constant, step decay, inverse time, or an explicit list. Evaluated once per
/// step (never per coordinate).
/// </summary>
public abstract record StepsizeSchedule
{
    /// <summary>gamma_k, the stepsize of step k (k counts from 0).</summary>
    public abstract double At(long k);

    /// <summary>The first stepsize gamma_0; the sweeps' "stepsize" axis.</summary>
    public double Initial => At(0);

    /// <summary>gamma of a <see cref="Constant"/> schedule (whose stepsize a trainer may read once); null for the others.</summary>
    internal double? ConstantGamma => this is ConstantStepsize c ? c.Gamma : null;

    /// <summary>A compact description, parseable back by <see cref="Parse"/>.</summary>
    public abstract string Describe();

    /// <summary>gamma_k = gamma for every k.</summary>
    public static StepsizeSchedule Constant(double gamma) => new ConstantStepsize(Check.Positive("stepsize", gamma));

    /// <summary>gamma_k = gamma0 * factor^floor(k / every).</summary>
    public static StepsizeSchedule StepDecay(double gamma0, double factor, long every)
    {
        Check.Positive("stepsize", gamma0);
        if (!(factor > 0 && factor <= 1)) throw new InvalidInputException("step-decay factor", factor, "must be in (0, 1]");
        Check.Positive("step-decay every", every);
        return new StepDecayStepsize(gamma0, factor, every);
    }

    /// <summary>gamma_k = gamma0 / (1 + k / tau).</summary>
    public static StepsizeSchedule InverseTime(double gamma0, double tau) =>
        new InverseTimeStepsize(Check.Positive("stepsize", gamma0), Check.Positive("inverse-time tau", tau));

    /// <summary>gamma_k = values[k] for k &lt; length, then the last value.</summary>
    public static StepsizeSchedule List(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new InvalidInputException("stepsize list", "is empty; give at least one stepsize");
        for (int i = 0; i < values.Count; i++) Check.Positive($"stepsize list[{i}]", values[i]);
        return new ListStepsize(values.ToArray());
    }

    /// <summary>
    /// Parses "0.01", "const:0.01", "step:0.01,0.5,1000" (gamma0, factor, every), "inv:0.01,500" (gamma0, tau),
    /// or "list:0.02,0.01,0.005".
    /// </summary>
    public static StepsizeSchedule Parse(string text, string field = "stepsize")
    {
        string t = text.Trim();
        int colon = t.IndexOf(':');
        string kind = colon < 0 ? "const" : t[..colon].Trim().ToLowerInvariant();
        string[] parts = (colon < 0 ? t : t[(colon + 1)..]).Split(',', StringSplitOptions.TrimEntries);
        double[] v;
        try { v = parts.Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray(); }
        catch (FormatException) { throw new InvalidInputException(field, text, "must be a number, or const:G, step:G,FACTOR,EVERY, inv:G,TAU or list:G1,G2,..."); }
        return kind switch
        {
            "const" when v.Length == 1 => Constant(Check.Positive(field, v[0])),
            "step" when v.Length == 3 => StepDecay(v[0], v[1], (long)v[2]),
            "inv" when v.Length == 2 => InverseTime(v[0], v[1]),
            "list" => List(v),
            _ => throw new InvalidInputException(field, text, "must be a number, or const:G, step:G,FACTOR,EVERY, inv:G,TAU or list:G1,G2,..."),
        };
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private sealed record ConstantStepsize(double Gamma) : StepsizeSchedule
    {
        public override double At(long k) => Gamma;
        public override string Describe() => F(Gamma);
    }

    private sealed record StepDecayStepsize(double Gamma0, double Factor, long Every) : StepsizeSchedule
    {
        public override double At(long k) => Gamma0 * Math.Pow(Factor, k / Every);
        public override string Describe() => $"step:{F(Gamma0)},{F(Factor)},{Every}";
    }

    private sealed record InverseTimeStepsize(double Gamma0, double Tau) : StepsizeSchedule
    {
        public override double At(long k) => Gamma0 / (1 + k / Tau);
        public override string Describe() => $"inv:{F(Gamma0)},{F(Tau)}";
    }

    private sealed record ListStepsize(double[] Values) : StepsizeSchedule
    {
        public override double At(long k) => Values[(int)Math.Min(k, Values.Length - 1)];
        public override string Describe() => "list:" + string.Join(',', Values.Select(F));
    }
}
