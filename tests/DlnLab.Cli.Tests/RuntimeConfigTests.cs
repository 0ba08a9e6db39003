using System.Text.Json;

namespace DlnLab.Cli.Tests;

/// <summary>The runtime settings dln starts with (docs/PERFORMANCE.md, "the single-CPU penalty").</summary>
public class RuntimeConfigTests
{
    [Fact]
    public void Dln_starts_without_the_instrumented_pgo_tier()
    {
        string path = Path.Combine(Path.GetDirectoryName(typeof(Cli).Assembly.Location)!, "dln.runtimeconfig.json");
        var properties = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        // Tiered compilation itself stays on: process start would pay for optimising every method up front.
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out _));
    }
}
