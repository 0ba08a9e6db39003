using System.Text.Json;
using System.Text.Json.Serialization;
using DlnLab.Models;

namespace DlnLab.Experiments.Sweeps;

/// <summary>A <see cref="ModelSpec"/> in JSON as it is written in specs and flags: "uv" or "power:D".</summary>
internal sealed class ModelSpecJsonConverter : JsonConverter<ModelSpec>
{
    public override ModelSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ModelSpec.Parse("training.model", reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, ModelSpec value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
