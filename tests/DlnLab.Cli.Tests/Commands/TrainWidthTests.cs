using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DlnLab.Problems;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>
/// `dln train --json` as a whole process with AVX-512 and with AVX2 switched off in the runtime (the kernels then run on
/// Vector256, then Vector128): every number the training computes is the same as with the default width. The problem
/// is read from files, since generating y = X beta* sums through System.Numerics.Tensors.TensorPrimitives, whose order
/// depends on the width; for the same reason the measures it sums (distance to beta*, population loss, the theory block)
/// are left out.
/// </summary>
public class TrainWidthTests
{
    private static readonly string[] Widths = ["", "DOTNET_EnableAVX512", "DOTNET_EnableAVX2"];

    [Theory]
    [InlineData("1", "30")]    // SGD b = 1, the short-row loop
    [InlineData("20", "30")]   // GD, the register-blocked gradient sum
    [InlineData("3", "70")]    // mini-batch SGD on longer rows
    public void EveryVectorWidthPrintsTheSameRun(string batchSize, string d)
    {
        using var folder = new TempFolder();
        var p = SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = int.Parse(d, CultureInfo.InvariantCulture), S = 3, NTest = 1, Seed = 4 });
        WriteCsv(folder.File("X.csv"), Enumerable.Range(0, p.N).Select(i => p.X.Row(i).ToArray()));
        WriteCsv(folder.File("y.csv"), p.Y.Select(y => new[] { y }));
        WriteCsv(folder.File("beta_star.csv"), p.BetaStar!.Select(b => new[] { b }));
        string[] args = ["train", "--data", folder.Path, "--alpha", "0.1", "--batch-size", batchSize, "--stepsize", "0.005",
            "--seed", "1", "--max-steps", "20000", "--json"];
        var outputs = Widths.Select(disabled => WithoutTiming(Train(args, disabled))).ToList();
        Assert.Contains("\"beta\"", outputs[0]);
        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
    }

    private static void WriteCsv(string path, IEnumerable<IEnumerable<double>> rows) =>
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

    /// <summary>The JSON line without its wall-clock fields and the measures summed by TensorPrimitives.</summary>
    private static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (string field in new[] { "timing", "theory", "population_loss", "distance_to_beta_star" })
            Assert.True(node.Remove(field), field);
        var trajectory = node["trajectory"]!.AsArray();
        Assert.NotEmpty(trajectory);
        foreach (var checkpoint in trajectory)
        {
            Assert.True(checkpoint!.AsObject().Remove("distance_to_beta_star"));
        }
        return node.ToJsonString();
    }

    private static string Train(string[] args, string disabledInstructions)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Cli).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        if (disabledInstructions != "") start.Environment[disabledInstructions] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Result;
    }
}
