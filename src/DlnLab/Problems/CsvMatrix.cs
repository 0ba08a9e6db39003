using System.Globalization;

namespace DlnLab.Problems;

/// <summary>
/// Reads a matrix of numbers from a text file: one row per line, fields separated by commas (or, on lines without a
/// comma, by spaces and tabs), '.' as decimal point. Blank lines and lines starting with '#' are skipped, and so is a
/// first line with no number in it (a header). The result is always 2-D: (lines, fields per line).
/// </summary>
public static class CsvMatrix
{
    /// <summary>Reads the file; any failure is an <see cref="InvalidInputException"/> for <paramref name="field"/> naming the file and line.</summary>
    public static DenseArray Read(string path, string field = "file") => InputFile.Read(path, field, stream =>
    {
        // At most one number per two bytes, each 8 bytes in a list that may grow to twice its length; then the matrix copies.
        MemoryLimit.Check(field, path, 16.0 * stream.Length, $"the numbers of a {stream.Length}-byte text file");
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, field);
    });

    /// <summary>Parses text already open; <paramref name="source"/> names it in messages.</summary>
    public static DenseArray Parse(TextReader reader, string source, string field = "file")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new List<double>();
        int rows = 0, cols = -1, firstRowLine = 0, lineNumber = 0;
        bool headerAllowed = true;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#') continue;
            var fields = Split(line);
            if (headerAllowed)
            {
                headerAllowed = false;
                if (!fields.Any(LooksNumeric)) continue;
            }
            if (cols < 0)
            {
                cols = fields.Length;
                firstRowLine = lineNumber;
            }
            else if (fields.Length != cols)
                throw new InvalidInputException(field, $"'{source}' line {lineNumber} has {fields.Length} fields but line {firstRowLine} has {cols}; every row needs the same number of columns");
            for (int c = 0; c < fields.Length; c++) values.Add(ParseCell(fields[c], field, source, lineNumber, c + 1));
            rows++;
        }
        if (rows == 0) throw new InvalidInputException(field, $"'{source}' holds no numbers (empty, or only a header, comments and blank lines)");
        return new DenseArray(values.ToArray(), rows, cols);
    }

    private static string[] Split(string line) =>
        line.Contains(',')
            ? line.Split(',', StringSplitOptions.TrimEntries)
            : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static double ParseCell(string raw, string field, string source, int line, int column)
    {
        string cell = Unquote(raw);
        string where = $"'{source}' line {line}, column {column}";
        if (IsNonFiniteWord(cell) || (TryParse(cell, out double v) && !double.IsFinite(v)))
            throw new InvalidInputException(field, $"{where}: got '{cell}'; NaN and infinite values are not allowed (every entry must be a finite number)");
        if (!TryParse(cell, out v))
            throw new InvalidInputException(field, cell.Length == 0
                ? $"{where}: the cell is empty; every entry must be a number"
                : $"{where}: got '{cell}'; must be a number like 1.5 or -2e-3 ('.' as decimal point)");
        return v;
    }

    private static bool LooksNumeric(string raw)
    {
        string cell = Unquote(raw);
        return IsNonFiniteWord(cell) || TryParse(cell, out _);
    }

    private static bool TryParse(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // numpy.savetxt writes nan and inf; .NET's parser does not know those spellings.
    private static bool IsNonFiniteWord(string cell)
    {
        var s = cell.AsSpan().TrimStart("+-");
        return s.Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || s.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    private static string Unquote(string raw)
    {
        string s = raw.Trim();
        return s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Trim() : s;
    }
}
