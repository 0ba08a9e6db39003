using System.Text;
using System.Text.Json;
using DlnLab.Cli.Output;

namespace DlnLab.Cli.Tests.Output;

public class JsonNumbersTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Non_finite_values_become_null_and_finite_ones_round_trip()
    {
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1, 1e-300, -2.5e300, double.Epsilon, 1.0 / 3];
        string text = Write(json =>
        {
            json.WriteStartArray();
            foreach (double v in values) JsonNumbers.Write(json, v);
            json.WriteEndArray();
        });
        var parsed = JsonDocument.Parse(text).RootElement.EnumerateArray().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(JsonValueKind.Null, parsed[i].ValueKind);
        for (int i = 3; i < values.Length; i++) Assert.Equal(values[i], parsed[i].GetDouble());
    }

    [Fact]
    public void Missing_optional_values_are_null()
    {
        string text = Write(json => { json.WriteStartObject(); JsonNumbers.Write(json, "test_loss", (double?)null); json.WriteEndObject(); });
        Assert.Equal("""{"test_loss":null}""", text);
    }
}
