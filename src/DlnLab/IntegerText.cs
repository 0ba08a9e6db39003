using System.Globalization;

namespace DlnLab;

/// <summary>
/// Integers as users write them, read alike by every flag and spec key: plain digits ("100000", "-3"), or a number in
/// scientific notation whose value is an integer ("1e5"), exactly representable (at most 2^53 in magnitude). Fractions,
/// NaN, infinities, thousands separators and values out of range are refused.
/// </summary>
public static class IntegerText
{
    /// <summary>Largest magnitude a number in scientific notation may have and still be read as an exact integer.</summary>
    public const double ExactLimit = 9007199254740992; // 2^53

    /// <summary>A signed 64-bit integer.</summary>
    public static bool TryParseLong(string text, out long value)
    {
        string t = text.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (IsIntegral(t, out double d))
        {
            value = (long)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A signed 32-bit integer.</summary>
    public static bool TryParseInt(string text, out int value)
    {
        bool ok = TryParseLong(text, out long l) && l >= int.MinValue && l <= int.MaxValue;
        value = ok ? (int)l : 0;
        return ok;
    }

    /// <summary>An unsigned 64-bit integer (a seed): any integer in [0, 2^64 - 1].</summary>
    public static bool TryParseUnsigned(string text, out ulong value)
    {
        string t = text.Trim();
        if (ulong.TryParse(t.StartsWith('+') ? t[1..] : t, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        if (IsIntegral(t, out double d) && d >= 0)
        {
            value = (ulong)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Whether a double (as a TOML float gives it) is an integer that converts exactly.</summary>
    public static bool IsExactInteger(double d) => double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) <= ExactLimit;

    private static bool IsIntegral(string text, out double d) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && IsExactInteger(d)
        && !text.Contains("nan", StringComparison.OrdinalIgnoreCase);
}
