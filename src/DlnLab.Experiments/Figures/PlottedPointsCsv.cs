using System.Globalization;
using System.Text;

namespace DlnLab.Experiments.Figures;

/// <summary>Formats plotted numbers as CSV: header panel,series,kind,x,y,lower,upper; doubles in shortest round-trip
/// invariant form, missing values nan. No field is quoted, so np.genfromtxt(path, delimiter=',', names=True, dtype=None,
/// encoding=None) reads it as pandas.read_csv does: a comma in a series name is written as a semicolon (the legend keeps
/// the comma), a double quote as a single one, a line break as a space.</summary>
internal static class PlottedPointsCsv
{
    public const string Header = "panel,series,kind,x,y,lower,upper";

    public static string Format(IEnumerable<PlottedPoint> points)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append('\n');
        foreach (PlottedPoint p in points)
        {
            csv.Append(p.Panel.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(Unquoted(p.Series)).Append(',')
               .Append(p.Kind).Append(',')
               .Append(Number(p.X)).Append(',')
               .Append(Number(p.Y)).Append(',')
               .Append(Number(p.Lower)).Append(',')
               .Append(Number(p.Upper)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Number(double? value) =>
        value is double v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "nan";

    /// <summary>A series name as a field that needs no quotes.</summary>
    internal static string Unquoted(string text) =>
        text.Replace(',', ';').Replace('"', '\'').Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
