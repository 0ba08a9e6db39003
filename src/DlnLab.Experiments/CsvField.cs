namespace DlnLab.Experiments;

/// <summary>A text field of a CSV file as RFC 4180 writes it: quoted, with inner quotes doubled, only when it must be.</summary>
internal static class CsvField
{
    public static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
