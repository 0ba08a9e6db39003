using System.Reflection;
using System.Text;

namespace DlnLab.Experiments.Reports;

/// <summary>The charting libraries the HTML report inlines so its interactive charts draw without a network: Vega,
/// Vega-Lite and vega-embed, the npm registry's minified builds, embedded in the assembly with their licences
/// (Assets/Vega; BSD-3-Clause).</summary>
internal static class ChartLibraries
{
    /// <summary>Resource names in load order: vega-lite needs vega, vega-embed needs both.</summary>
    private static readonly string[] resources = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];

    private static readonly Lazy<string> scripts = new(Load);

    /// <summary>One script element per library, ready to place in the page's head.</summary>
    public static string ScriptElements => scripts.Value;

    private static string Load()
    {
        var html = new StringBuilder();
        foreach (string name in resources)
        {
            string resource = "DlnLab.Experiments.Vega." + name;
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"embedded chart library {resource} is missing from the assembly");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // The source maps are not shipped: their comment would only send a browser's developer tools looking.
            string code = string.Join('\n', reader.ReadToEnd().Split('\n').Where(line => !line.StartsWith("//# sourceMappingURL=", StringComparison.Ordinal)));
            if (code.Contains("</script", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"embedded chart library {name} contains '</script' and cannot be inlined");
            html.Append("<script>/* ").Append(name).Append(" (BSD-3-Clause) */\n").Append(code).Append("\n</script>\n");
        }
        return html.ToString();
    }
}
