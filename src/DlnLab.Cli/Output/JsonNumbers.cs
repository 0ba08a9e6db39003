using System.Globalization;
using System.Text.Json;

namespace DlnLab.Cli.Output;

/// <summary>
/// Numbers in the JSON outputs: finite doubles as their round-trip ("R") invariant text, so that parsing them back
/// gives the same bits; non-finite values (NaN, +-Infinity), which JSON cannot represent, as null. A diverged run is
/// recognisable by its status field, not by the nulls.
/// </summary>
internal static class JsonNumbers
{
    public static void Write(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        Write(json, value);
    }

    public static void Write(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        if (value is double v) Write(json, v);
        else json.WriteNullValue();
    }

    public static void Write(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        else json.WriteNullValue();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values) Write(json, v);
        json.WriteEndArray();
    }
}
