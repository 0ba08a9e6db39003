using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// A sweep spec as JSON (stored with its runs for provenance), and back. Source-generated (<see cref="SweepSpecJsonContext"/>),
/// so it works where reflection-based serialization is off: NativeAOT, trimmed apps and file-based scripts
/// (<c>dotnet run sweep.cs</c>), which disable it by default.
/// </summary>
public static class SweepSpecJson
{
    /// <summary>The spec as JSON.</summary>
    public static string Serialize(SweepSpec spec) => JsonSerializer.Serialize(spec, SweepSpecJsonContext.Default.SweepSpec);

    /// <summary>The spec from its JSON; an empty document is refused.</summary>
    public static SweepSpec Deserialize(string json) =>
        JsonSerializer.Deserialize(json, SweepSpecJsonContext.Default.SweepSpec) ?? throw new InvalidInputException("spec", "is empty JSON");
}

/// <summary>The serialization metadata of <see cref="SweepSpec"/>: enums as their names, models as "uv" / "power:D".</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(ModelSpecJsonConverter)])]
[JsonSerializable(typeof(SweepSpec))]
internal sealed partial class SweepSpecJsonContext : JsonSerializerContext;
