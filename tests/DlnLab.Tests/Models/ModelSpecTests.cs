using DlnLab.Models;
using Xunit;

namespace DlnLab.Tests.Models;

public class ModelSpecTests
{
    [Theory]
    [InlineData("uv", ModelKind.Uv, 2)]
    [InlineData("power:2", ModelKind.Power, 2)]
    [InlineData("power:3", ModelKind.Power, 3)]
    [InlineData("power:64", ModelKind.Power, 64)]
    public void ParsesAndSpellsBack(string text, ModelKind kind, int depth)
    {
        var model = ModelSpec.Parse("model", text);
        Assert.Equal(kind, model.Kind);
        Assert.Equal(depth, model.Depth);
        Assert.Equal(text, model.ToString());
        Assert.Equal(model, ModelSpec.Parse("model", model.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("UV")]
    [InlineData(" uv")]
    [InlineData("power")]
    [InlineData("power:")]
    [InlineData("power:1")]
    [InlineData("power:65")]
    [InlineData("power:03")]
    [InlineData("power:+3")]
    [InlineData("power:3.0")]
    [InlineData("power:3,uv")]
    [InlineData("power:99999999999")]
    public void RefusesEverythingElseNamingTheField(string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => ModelSpec.Parse("model", text));
        Assert.StartsWith("model: got ", e.Message);
    }

    [Fact]
    public void ScaleOrVectorComparesByValue()
    {
        Assert.Equal(ScaleOrVector.PerCoordinate([1, 2]), ScaleOrVector.PerCoordinate([1, 2]));
        Assert.NotEqual(ScaleOrVector.PerCoordinate([1, 2]), ScaleOrVector.PerCoordinate([1, 3]));
        Assert.Equal(ScaleOrVector.Uniform(0.5), ScaleOrVector.Uniform(0.5));
        Assert.Equal([0.5, 0.5, 0.5], ScaleOrVector.Uniform(0.5).For(3));
        Assert.Throws<InvalidInputException>(() => ScaleOrVector.PerCoordinate([1, double.NaN]).Validated("u0", 2));
        Assert.Throws<InvalidInputException>(() => ScaleOrVector.PerCoordinate([1, 2]).Validated("u0", 3));
    }
}
