using DlnLab.Analysis;
using DlnLab.Models;
using DlnLab.Theory;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Analysis;

public class ModelInterpolatorsTests
{
    [Fact]
    public void TheUvModelFromItsDefaultStartIsTheoremTwoPointOneBitForBit()
    {
        var p = Problem();
        var alpha = Enumerable.Repeat(0.1, p.D).ToArray();
        Assert.True(ModelInterpolators.TryGradientFlow(p.X, p.Y, ModelSpec.Uv, alpha, null, null, out var s));
        Assert.Equal(Interpolators.GradientFlow(p.X, p.Y, alpha).Beta, s.Beta);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void ThePowerModelIsArgminQd(int depth)
    {
        var p = Problem();
        var alpha = Enumerable.Repeat(0.4, p.D).ToArray();
        Assert.True(ModelInterpolators.TryGradientFlow(p.X, p.Y, ModelSpec.Power(depth), alpha, null, null, out var s));
        Assert.Equal(Interpolators.GradientFlow(p.X, p.Y, depth, alpha).Beta, s.Beta);
    }

    [Fact]
    public void AGivenU0OrV0StartsFromItTheOtherTakingItsDefault()
    {
        var p = Problem();
        var alpha = Enumerable.Repeat(0.1, p.D).ToArray();
        var v0 = Enumerable.Repeat(0.05, p.D).ToArray();
        Assert.True(ModelInterpolators.TryGradientFlow(p.X, p.Y, ModelSpec.Uv, alpha, null, v0, out var s));
        var u0 = alpha.Select(a => Math.Sqrt(2) * a).ToArray();
        Assert.Equal(Interpolators.GradientFlowFrom(p.X, p.Y, u0, v0).Beta, s.Beta);
        Assert.Throws<ArgumentException>(() => ModelInterpolators.GradientFlowMap(ModelSpec.Power(3), alpha, u0, null));
    }
}
