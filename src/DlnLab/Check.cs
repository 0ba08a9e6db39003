namespace DlnLab;

/// <summary>Guards for user-facing values; each failure is an <see cref="InvalidInputException"/> naming the field.</summary>
public static class Check
{
    /// <summary><paramref name="value"/> if it is > 0.</summary>
    public static int Positive(string field, int value) =>
        value > 0 ? value : throw new InvalidInputException(field, value, "must be a positive integer");

    /// <summary><paramref name="value"/> if it is > 0.</summary>
    public static long Positive(string field, long value) =>
        value > 0 ? value : throw new InvalidInputException(field, value, "must be a positive integer");

    /// <summary><paramref name="value"/> if it is finite and > 0.</summary>
    public static double Positive(string field, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new InvalidInputException(field, value, "must be a finite number > 0");

    /// <summary><paramref name="value"/> if it is finite and >= 0.</summary>
    public static double NonNegative(string field, double value) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InvalidInputException(field, value, "must be a finite number >= 0");

    /// <summary><paramref name="value"/> if it lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(string field, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new InvalidInputException(field, value, $"must be an integer in [{min}, {max}]");

    /// <summary><paramref name="values"/> if every entry is finite and > 0 (a failure names the entry, field[i]).</summary>
    public static double[] AllPositive(string field, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(double.IsFinite(values[i]) && values[i] > 0))
                throw new InvalidInputException($"{field}[{i}]", values[i], "must be a finite number > 0");
        return values;
    }

    /// <summary><paramref name="values"/> if every entry is finite (a failure names the entry, field[i]).</summary>
    public static double[] AllFinite(string field, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new InvalidInputException($"{field}[{i}]", values[i], "must be a finite number");
        return values;
    }
}
