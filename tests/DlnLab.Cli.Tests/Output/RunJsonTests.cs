using System.Text.Json;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.Output;

public class RunJsonTests
{
    /// <summary>The result fields of `dln train --json` are the run record's result columns, under the same names and types.</summary>
    [Fact]
    public void EveryResultColumnIsAJsonFieldOfItsType()
    {
        var run = CliRunner.Run("train", "--n", "10", "--d", "15", "--s", "2", "--max-steps", "500", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.NotEmpty(RunColumns.ResultFields);
        foreach (var column in RunColumns.ResultFields)
        {
            Assert.True(json.TryGetProperty(column.Name, out var value), $"missing {column.Name}");
            var expected = column.Type switch
            {
                ColumnType.Text => [JsonValueKind.String],
                ColumnType.Flag => [JsonValueKind.True, JsonValueKind.False],
                ColumnType.Vector => [JsonValueKind.Array],
                ColumnType.Real or ColumnType.OptionalReal => [JsonValueKind.Number, JsonValueKind.Null],
                _ => new[] { JsonValueKind.Number },
            };
            Assert.Contains(value.ValueKind, expected);
        }
        Assert.Equal(15, json.GetProperty(RunColumns.Beta.Name).GetArrayLength());
    }
}
