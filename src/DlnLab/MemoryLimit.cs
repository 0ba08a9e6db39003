using System.Globalization;

namespace DlnLab;

/// <summary>
/// The most memory one command may plan to use, checked against estimates before anything large is allocated (data
/// generated or loaded, a sweep's plan), so that an input the machine cannot hold is refused at once instead of
/// exhausting memory. The limit is <see cref="DefaultFraction"/> of the memory available to the process
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: physical memory or the container's limit), or the size in
/// the environment variable <see cref="EnvironmentVariable"/> (bytes, or a number with K, M, G or T: "8G").
/// </summary>
public static class MemoryLimit
{
    /// <summary>Environment variable that overrides the limit: a size such as 8G, 500M or a number of bytes.</summary>
    public const string EnvironmentVariable = "DLN_MEMORY_LIMIT";

    /// <summary>Fraction of the available memory a command may plan to use by default.</summary>
    public const double DefaultFraction = 0.5;

    /// <summary>The limit in bytes, read each time (the environment may change between commands in one process).</summary>
    public static double Bytes
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text)) return DefaultFraction * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            return ParseSize(text) ?? throw new InvalidInputException(EnvironmentVariable, text,
                "must be a size such as 8G, 500M or a number of bytes (environment variable)");
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidInputException"/> for <paramref name="field"/> when <paramref name="bytes"/> (an
    /// estimate, as a double so that products of sizes cannot overflow) is above the limit.
    /// </summary>
    public static void Check(string field, object value, double bytes, string what)
    {
        double limit = Bytes;
        if (bytes <= limit) return;
        throw new InvalidInputException(field, value,
            $"{what} would need about {Format(bytes)} of memory, above the limit of {Format(limit)} " +
            $"({DefaultFraction:P0} of the memory available; set {EnvironmentVariable} to change it)");
    }

    /// <summary>A size in bytes as people read it ("1.5 GB").</summary>
    public static string Format(double bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
        return bytes >= 1e6 ? bytes.ToString("G3", CultureInfo.InvariantCulture) + " " + units[u]
            : (u == 0 ? bytes.ToString("F0", CultureInfo.InvariantCulture) : bytes.ToString("0.#", CultureInfo.InvariantCulture)) + " " + units[u];
    }

    private static double? ParseSize(string text)
    {
        string t = text.Trim().TrimEnd('B', 'b');
        double factor = 1;
        if (t.Length > 0 && "KMGT".IndexOf(char.ToUpperInvariant(t[^1])) is int p and >= 0)
        {
            factor = Math.Pow(1024, p + 1);
            t = t[..^1];
        }
        return double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v * factor : null;
    }
}
