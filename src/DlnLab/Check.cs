namespace DlnLab;

/// <summary>Guards for user-facing values; each failure is an <see cref="InvalidInputException"/> naming the field.</summary>
public static class Check
{
    public static int Positive(string field, int value) =>
        value > 0 ? value : throw new InvalidInputException(field, value, "must be a positive integer");

    public static long Positive(string field, long value) =>
        value > 0 ? value : throw new InvalidInputException(field, value, "must be a positive integer");

    public static double Positive(string field, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new InvalidInputException(field, value, "must be a finite number > 0");

    public static double NonNegative(string field, double value) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InvalidInputException(field, value, "must be a finite number >= 0");

    public static int InRange(string field, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new InvalidInputException(field, value, $"must be an integer in [{min}, {max}]");

    public static double[] AllPositive(string field, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(double.IsFinite(values[i]) && values[i] > 0))
                throw new InvalidInputException($"{field}[{i}]", values[i], "must be a finite number > 0");
        return values;
    }

    public static double[] AllFinite(string field, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new InvalidInputException($"{field}[{i}]", values[i], "must be a finite number");
        return values;
    }
}
