using System.Globalization;

namespace DlnLab.Models;

/// <summary>
/// Which parametrisation a run trains, as written on the command line and in specs: <c>uv</c> (beta = u ⊙ v) or
/// <c>power:D</c> (beta = w+^D - w-^D, D >= 2 an integer).
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The largest depth accepted for <c>power:D</c>.</summary>
    public const int MaxDepth = 64;

    private ModelSpec(ModelKind kind, int depth)
    {
        Kind = kind;
        Depth = depth;
    }

    /// <summary>The parametrisation.</summary>
    public ModelKind Kind { get; }

    /// <summary>D of <c>power:D</c>; 2 for <c>uv</c> (beta is a product of two factors).</summary>
    public int Depth { get; }

    /// <summary>beta = u ⊙ v, the default.</summary>
    public static ModelSpec Uv { get; } = new(ModelKind.Uv, 2);

    /// <summary>beta = w+^D - w-^D; throws <see cref="InvalidInputException"/> (field <c>model</c>) unless 2 &lt;= D &lt;= <see cref="MaxDepth"/>.</summary>
    public static ModelSpec Power(int depth) =>
        depth >= 2 && depth <= MaxDepth ? new(ModelKind.Power, depth)
        : throw new InvalidInputException("model", $"power:{depth.ToString(CultureInfo.InvariantCulture)}",
            $"the depth D of power:D must be an integer in [2, {MaxDepth}]");

    /// <summary>Parses <c>uv</c> or <c>power:D</c> exactly (no spaces, lower case), naming <paramref name="field"/> on failure.</summary>
    public static ModelSpec Parse(string field, string text)
    {
        const string allowed = "must be uv or power:D with D an integer in [2, 64]";
        if (text == "uv") return Uv;
        if (text.StartsWith("power:", StringComparison.Ordinal))
        {
            var digits = text.AsSpan("power:".Length);
            if (digits.Length is > 0 and <= 2 && digits.IndexOfAnyExceptInRange('0', '9') < 0 && digits[0] != '0'
                && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int depth) && depth >= 2 && depth <= MaxDepth)
                return new(ModelKind.Power, depth);
        }
        throw new InvalidInputException(field, text, allowed);
    }

    /// <summary>The spelling <see cref="Parse"/> reads: <c>uv</c> or <c>power:D</c>.</summary>
    public override string ToString() =>
        Kind == ModelKind.Uv ? "uv" : "power:" + Depth.ToString(CultureInfo.InvariantCulture);
}
