using System.Globalization;
using System.Text;

namespace DlnLab.Experiments.Figures;

/// <summary>Formats plotted numbers as CSV: header panel,series,kind,x,y,lower,upper; doubles in shortest round-trip
/// invariant form, missing values empty (reads back with pandas.read_csv as NaN).</summary>
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
               .Append(CsvField.Quote(p.Series)).Append(',')
               .Append(p.Kind).Append(',')
               .Append(Number(p.X)).Append(',')
               .Append(Number(p.Y)).Append(',')
               .Append(Number(p.Lower)).Append(',')
               .Append(Number(p.Upper)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Number(double? value) =>
        value is double v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
