using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Tests.Figures;

public class PlottedPointsCsvTests
{
    [Fact]
    public void NoFieldIsQuotedAndMissingNumbersAreNan()
    {
        string csv = PlottedPointsCsv.Format([
            new PlottedPoint(0, "GD, β0~ kept (\"check\")", "point", 0.5, 1e-5, null, 2),
            new PlottedPoint(1, "line\nbreak", "hline", double.NaN, 3, null, null),
        ]);
        Assert.Equal("""
            panel,series,kind,x,y,lower,upper
            0,GD; β0~ kept ('check'),point,0.5,1E-05,nan,2
            1,line break,hline,nan,3,nan,nan

            """.ReplaceLineEndings("\n"), csv);
        Assert.DoesNotContain('"', csv);
    }
}
