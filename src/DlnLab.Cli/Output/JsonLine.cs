using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DlnLab.Cli.Output;

/// <summary>
/// Writes one JSON value as one line of a command's output, so the outputs of several runs concatenate into a JSON
/// Lines file (pipe through jq to read). Escaping is relaxed: non-ASCII text such as paths is written as is.
/// </summary>
internal static class JsonLine
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) write(json);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
