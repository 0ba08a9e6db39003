using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class StepsizeScheduleTests
{
    [Theory]
    [InlineData("0.01", 0, 0.01)]
    [InlineData("const:0.02", 1000, 0.02)]
    [InlineData("step:0.1,0.5,10", 25, 0.025)]
    [InlineData("inv:0.1,100", 100, 0.05)]
    [InlineData("list:0.3,0.2,0.1", 1, 0.2)]
    [InlineData("list:0.3,0.2,0.1", 99, 0.1)]
    public void ParsedSchedulesGiveTheirStepsizes(string text, long k, double expected)
    {
        var s = StepsizeSchedule.Parse(text);
        Assert.Equal(expected, s.At(k), 1e-15);
        Assert.Equal(s.At(k), StepsizeSchedule.Parse(s.Describe()).At(k));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("abc")]
    [InlineData("step:0.1,2,10")]
    [InlineData("list:")]
    public void BadStepsizesAreRejectedNamingTheField(string text)
    {
        var e = Assert.Throws<DlnLab.InvalidInputException>(() => StepsizeSchedule.Parse(text));
        Assert.Contains("step", e.Message);
    }
}
