namespace DlnLab.Experiments;

/// <summary>A text field of a CSV file as RFC 4180 writes it: quoted, with inner quotes doubled, only when it must be.</summary>
internal static class CsvField
{
    public static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// A text field that a spreadsheet will not run as a formula: text starting with =, +, -, @, tab or carriage return
    /// is prefixed with ' and quoted (OWASP's advice on CSV injection); other text as <see cref="Quote"/>. For text
    /// fields only: numbers are written as numbers, never through here.
    /// </summary>
    public static string Safe(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "\"'" + text.Replace("\"", "\"\"") + "\"" : Quote(text);
}
