namespace DlnLab.Experiments.Sweeps;

/// <summary>How the stepsize axis of a sweep is given.</summary>
public enum StepsizeAxisKind
{
    /// <summary>An explicit list of stepsizes.</summary>
    List,
    /// <summary>Count stepsizes evenly spaced from start to stop (both included).</summary>
    Linear,
    /// <summary>Count stepsizes evenly spaced in log scale from start to stop (both included).</summary>
    Log,
    /// <summary>Fractions of each configuration's largest convergent stepsize, found by bisection.</summary>
    Relative,
}

/// <summary>
/// The stepsize axis of a sweep (constant stepsizes). For <see cref="StepsizeAxisKind.Relative"/> the absolute
/// stepsizes depend on the configuration and are only known after <see cref="LargestConvergentStepsize"/> ran.
/// </summary>
public sealed record StepsizeAxis
{
    /// <summary>How the axis is given (default an explicit list).</summary>
    public StepsizeAxisKind Kind { get; init; } = StepsizeAxisKind.List;
    /// <summary>The stepsizes (List) or the fractions (Relative); unused for ranges.</summary>
    public IReadOnlyList<double> Values { get; init; } = [0.01];
    /// <summary>First value of a linear or log range.</summary>
    public double Start { get; init; }
    /// <summary>Last value of a linear or log range.</summary>
    public double Stop { get; init; }
    /// <summary>Number of values of a linear or log range.</summary>
    public int Count { get; init; }

    /// <summary>An explicit list of constant stepsizes.</summary>
    public static StepsizeAxis List(params double[] stepsizes) => new() { Kind = StepsizeAxisKind.List, Values = stepsizes };
    /// <summary><paramref name="count"/> stepsizes evenly spaced from <paramref name="start"/> to <paramref name="stop"/>.</summary>
    public static StepsizeAxis Linear(double start, double stop, int count) => new() { Kind = StepsizeAxisKind.Linear, Values = [], Start = start, Stop = stop, Count = count };
    /// <summary><paramref name="count"/> stepsizes log-spaced from <paramref name="start"/> to <paramref name="stop"/>.</summary>
    public static StepsizeAxis Log(double start, double stop, int count) => new() { Kind = StepsizeAxisKind.Log, Values = [], Start = start, Stop = stop, Count = count };
    /// <summary>Fractions gamma / gamma_max of each configuration's largest convergent stepsize.</summary>
    public static StepsizeAxis Relative(params double[] fractions) => new() { Kind = StepsizeAxisKind.Relative, Values = fractions };

    /// <summary>The values are fractions of the largest convergent stepsize.</summary>
    public bool IsRelative => Kind == StepsizeAxisKind.Relative;

    /// <summary>
    /// The axis values in order: stepsizes, or fractions for a relative axis. Ranges are computed from the end
    /// points each time (start + i * step, exp of a linear range of logs), so the same spec gives the same bits.
    /// </summary>
    public double[] Points() => Kind switch
    {
        StepsizeAxisKind.Linear => Range(Start, Stop, Count, x => x, x => x),
        StepsizeAxisKind.Log => Range(Start, Stop, Count, Math.Log, Math.Exp),
        _ => Values.ToArray(),
    };

    // The end points are returned exactly as given (exp(log(x)) need not be x); inner points are evenly spaced in
    // the scale that `to` maps into.
    private static double[] Range(double start, double stop, int count, Func<double, double> to, Func<double, double> from)
    {
        double a = to(start), b = to(stop);
        var v = new double[count];
        for (int i = 0; i < count; i++)
            v[i] = i == 0 ? start : i == count - 1 ? stop : from(a + (b - a) * i / (count - 1));
        return v;
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad field (paths as in the TOML schema).</summary>
    public void Validate()
    {
        switch (Kind)
        {
            case StepsizeAxisKind.List:
            case StepsizeAxisKind.Relative:
                string field = Kind == StepsizeAxisKind.List ? "stepsize.values" : "stepsize.relative";
                if (Values.Count == 0) throw new InvalidInputException(field, "is empty; give at least one value");
                for (int i = 0; i < Values.Count; i++) Check.Positive($"{field}[{i}]", Values[i]);
                if (Values.Distinct().Count() != Values.Count) throw new InvalidInputException(field, "has a repeated value; give each value once");
                break;
            case StepsizeAxisKind.Linear:
            case StepsizeAxisKind.Log:
                string f = Kind == StepsizeAxisKind.Linear ? "stepsize.linear" : "stepsize.log";
                Check.Positive($"{f}.start", Start);
                Check.Positive($"{f}.stop", Stop);
                Check.InRange($"{f}.count", Count, 1, 100_000);
                if (Count > 1 && Start == Stop) throw new InvalidInputException($"{f}.stop", Stop, "must differ from start when count > 1");
                break;
            default:
                throw new InvalidInputException("stepsize", Kind, "must be a list, a linear or log range, or relative fractions");
        }
    }
}
