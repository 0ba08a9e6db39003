using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlnLab.Experiments.Sweeps;

/// <summary>A sweep spec as JSON (stored with its runs for provenance), and back.</summary>
public static class SweepSpecJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new ModelSpecJsonConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(SweepSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static SweepSpec Deserialize(string json) =>
        JsonSerializer.Deserialize<SweepSpec>(json, Options) ?? throw new InvalidInputException("spec", "is empty JSON");
}
