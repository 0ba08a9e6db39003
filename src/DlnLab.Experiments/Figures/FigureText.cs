using System.Text;

namespace DlnLab.Experiments.Figures;

/// <summary>The text a figure shows for a label written in the plain notation of the code and the CSVs: "_" then a
/// subscript, "^" then a superscript (a run of letters, digits and Greek letters, commas allowed between them, or a
/// braced group), drawn with Unicode's subscript and superscript characters, e.g. "Gain_γ,i" as "Gainᵧ,ᵢ" and
/// "γ_max" as "γₘₐₓ".</summary>
/// <remarks>Unicode has no subscript for some characters (b, c, d, f, g, q, w, y, z, capitals, α, ∞, ...): a script
/// holding one is left exactly as written, so nothing is shown half converted. The CSVs keep the plain names.</remarks>
public static class FigureText
{
    private static readonly Dictionary<char, char> subscripts = Map(
        "0123456789+−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ");

    private static readonly Dictionary<char, char> superscripts = Map(
        "0123456789+−=()abdeghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUWαβγδεθιφχ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᵈᵉᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ");

    /// <summary>Every character <see cref="Display"/> can produce, for checking the figure font has them.</summary>
    public static IEnumerable<char> ScriptCharacters => subscripts.Values.Concat(superscripts.Values);

    /// <summary>The label as drawn: scripts converted where every character of the script has a Unicode form.</summary>
    public static string Display(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOfAny(['_', '^']) < 0) return text;
        var shown = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if ((c == '_' || c == '^') && Script(text, i + 1, c == '_' ? subscripts : superscripts, out string converted, out int end))
            {
                shown.Append(converted);
                i = end;
                continue;
            }
            shown.Append(c);
            i++;
        }
        return shown.ToString();
    }

    /// <summary>The script starting at <paramref name="start"/>: a braced group, or a run of letters and digits
    /// (commas allowed between them); false when it is empty or holds a character with no script form.</summary>
    private static bool Script(string text, int start, Dictionary<char, char> map, out string converted, out int end)
    {
        converted = "";
        end = start;
        string script;
        if (start < text.Length && text[start] == '{')
        {
            int close = text.IndexOf('}', start + 1);
            if (close < 0) return false;
            script = text[(start + 1)..close];
            end = close + 1;
        }
        else
        {
            int j = start;
            while (j < text.Length && (char.IsLetterOrDigit(text[j])
                || (text[j] == ',' && j > start && j + 1 < text.Length && char.IsLetterOrDigit(text[j + 1])))) j++;
            script = text[start..j];
            end = j;
        }
        if (script.Length == 0) return false;
        var result = new StringBuilder(script.Length);
        foreach (char c in script)
        {
            if (c == ',') result.Append(',');
            else if (map.TryGetValue(c, out char s)) result.Append(s);
            else return false;
        }
        converted = result.ToString();
        return true;
    }

    private static Dictionary<char, char> Map(string from, string to)
    {
        var map = new Dictionary<char, char>();
        var targets = to.EnumerateRunes().ToArray();
        if (targets.Length != from.Length) throw new InvalidOperationException("script tables differ in length");
        for (int k = 0; k < from.Length; k++) map[from[k]] = (char)targets[k].Value;
        return map;
    }
}
