using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>Labels' sub- and superscripts drawn as Unicode script characters, and the figure font able to draw them.</summary>
public class FigureTextTests
{
    [Theory]
    [InlineData("Gain_γ,i", "Gainᵧ,ᵢ")]
    [InlineData("γ = 0.25 γ_max", "γ = 0.25 γₘₐₓ")]
    [InlineData("β_30 (support)", "β₃₀ (support)")]
    [InlineData("training loss L(β_k)", "training loss L(βₖ)")]
    [InlineData("Gain_i / mean_j Gain_j", "Gainᵢ / meanⱼ Gainⱼ")]
    [InlineData("λ_max(∇²F)", "λₘₐₓ(∇²F)")]
    [InlineData("x^{2k}", "x²ᵏ")]
    [InlineData("e^{−1}", "e⁻¹")]
    // No Unicode subscript for d, B or α: left exactly as written, never half converted.
    [InlineData("β_pred", "β_pred")]
    [InlineData("E[g_B(β₀)²]", "E[g_B(β₀)²]")]
    [InlineData("argmin ψ_α∞", "argmin ψ_α∞")]
    [InlineData("a_ b_{ c_{x", "a_ b_{ c_{x")]
    [InlineData("no scripts", "no scripts")]
    [InlineData("trailing_", "trailing_")]
    public void ScriptsBecomeUnicodeScriptCharactersWhereEveryCharacterHasOne(string label, string shown) =>
        Assert.Equal(shown, FigureText.Display(label));

    [Fact]
    public void TheFigureFontHasAGlyphForEveryScriptCharacter()
    {
        var missing = FigureText.ScriptCharacters.Where(c => !FigureFonts.Typeface.ContainsGlyph(c)).ToArray();
        Assert.True(missing.Length == 0, "no glyph in DejaVu Sans for: " + string.Join(" ", missing.Select(c => $"U+{(int)c:X4}")));
    }
}
